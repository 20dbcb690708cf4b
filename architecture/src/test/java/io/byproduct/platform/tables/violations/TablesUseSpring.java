package io.byproduct.platform.tables.violations;

import org.springframework.stereotype.Component;

/** A table format wired with Spring: the rules must find it. A test class, never shipped. */
@Component
public final class TablesUseSpring {}
