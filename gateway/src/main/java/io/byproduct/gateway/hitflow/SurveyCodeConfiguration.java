package io.byproduct.gateway.hitflow;

import io.byproduct.gateway.GatewayProperties;
import io.byproduct.gateway.ingest.WorkerIdKeyException;
import io.byproduct.platform.workers.SurveyCodes;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SurveyCodeConfiguration {

  /**
   * Survey codes under their own key ({@code byproduct.gateway.survey-code-key}): whoever verifies
   * codes holds this key only, not the pseudonyms' key. A missing or short key stops the start.
   */
  @Bean
  SurveyCodes surveyCodes(GatewayProperties gateway) {
    return WorkerIdKeyException.surveyCodesFor(gateway.surveyCodeKey());
  }

  /** Holds a survey-code request while the HIT's last pages are being stored ({@link SurveyCodeWait}). */
  @Bean
  SurveyCodeWait surveyCodeWait(SurveyCodeWaitProperties properties, MeterRegistry meters) {
    return new SurveyCodeWait(properties, meters);
  }
}
