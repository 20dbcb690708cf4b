package io.byproduct.schemas.violations;

import io.byproduct.platform.workers.WorkerPseudonyms;

/** A schemas class that imports the platform: the rules must find it. A test class, never shipped. */
public final class SchemasImportsPlatform {
  Class<?> platform = WorkerPseudonyms.class;
}
