package io.byproduct.gateway;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * What every {@code @WebFluxTest} slice of the gateway imports: the gateway's properties bound (the
 * application's {@code @ConfigurationPropertiesScan} does not reach a slice), with the test keys below.
 */
@TestConfiguration
@EnableConfigurationProperties(GatewayProperties.class)
public class WebSlices {

  public static final String WORKER_ID_KEY_VALUE = "slice-test-worker-id-key-0123456789";
  public static final String WORKER_ID_KEY = "byproduct.gateway.worker-id-key=" + WORKER_ID_KEY_VALUE;
  public static final String SURVEY_CODE_KEY = "byproduct.gateway.survey-code-key=slice-test-survey-code-key-0123";
}
