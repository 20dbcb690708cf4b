package io.byproduct.platform.violations;

import io.byproduct.gateway.GatewayApplication;

/** A platform class that imports a service: the rules must find it. A test class, never shipped. */
public final class PlatformImportsAService {
  Class<?> service = GatewayApplication.class;
}
