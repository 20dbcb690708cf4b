package io.byproduct.streamprocessor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.streamprocessor.quality.QualityThresholds;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class QualityPropertiesTest {

  @Configuration
  @EnableConfigurationProperties(QualityProperties.class)
  static class Config {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Config.class);

  @Test
  void defaults_areTheDocumentedThresholds() {
    runner.run(context -> assertThat(context.getBean(QualityProperties.class).thresholds())
        .isEqualTo(QualityThresholds.defaults()));
  }

  @Test
  void aShareAboveOne_isRefusedNamingTheProperty() {
    runner.withPropertyValues("byproduct.stream-processor.quality.too-fast-share=1.5").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("tooFastShare");
    });
  }
}
