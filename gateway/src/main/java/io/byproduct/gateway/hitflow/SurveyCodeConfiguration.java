package io.byproduct.gateway.hitflow;

import io.byproduct.gateway.GatewayProperties;
import io.byproduct.platform.workers.SurveyCodes;
import io.byproduct.platform.workers.WorkerPseudonyms;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SurveyCodeConfiguration {

  /**
   * Survey codes share the gateway's secret key with the pseudonyms, under their own HMAC domain
   * (the pseudonyms' bean checks the key first and reports a bad one).
   */
  @Bean
  SurveyCodes surveyCodes(GatewayProperties gateway, WorkerPseudonyms checkedKey) {
    return new SurveyCodes(gateway.workerIdKey());
  }
}
