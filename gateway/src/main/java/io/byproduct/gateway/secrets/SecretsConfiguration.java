package io.byproduct.gateway.secrets;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Runs {@link SecretsCheck} while the context starts, before any secret is used. */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

  SecretsConfiguration(Environment environment) {
    SecretsCheck.verify(environment);
  }
}
