package io.byproduct.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.localinfra.FreePort;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.health.KafkaHealthIndicator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service wired with platform-kafka alone (no DynamoDB anywhere) starts against a real broker,
 * reports it UP, and refuses to start on bad configuration with a report naming the property and
 * the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaStartupChecksIT {

  private static LocalKafka kafka;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class AnyService {}

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static ConfigurableApplicationContext run(String... extra) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("byproduct.kafka.bootstrap-servers", kafka.bootstrapServers());
    args.put("byproduct.kafka.startup-timeout", "3s");
    for (String arg : extra) {
      String[] pair = arg.substring(2).split("=", 2);
      args.put(pair[0], pair[1]);
    }
    return new SpringApplicationBuilder(AnyService.class).web(WebApplicationType.NONE)
        .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }

  @Test
  void createMissing_startsAndReportsKafkaUp_withNoDynamoDb() {
    try (ConfigurableApplicationContext context = run(
        "--byproduct.provisioning.create-missing=true", "--byproduct.topics.prefix=startup.")) {

      assertThat(context.getBean(KafkaHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
      assertThat(context.getBeanNamesForType(HealthIndicator.class))
          .contains("kafkaHealthIndicator").doesNotContain("dynamoHealthIndicator");
      assertThat(context.containsBean("dynamoDbClient")).isFalse();
    }
  }

  @Test
  void unreachableBroker_failsNamingBootstrapServers(CapturedOutput output) {
    int closedPort = FreePort.pick();

    assertThatThrownBy(() -> run("--byproduct.kafka.bootstrap-servers=127.0.0.1:" + closedPort,
        "--byproduct.kafka.startup-timeout=2s"));

    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains("Property: byproduct.kafka.bootstrap-servers")
        .contains("127.0.0.1:" + closedPort)
        .contains("Start the broker");
  }

  @Test
  void saslWithoutJaasConfig_failsNamingTheProperty_beforeAnyClientIsBuilt(CapturedOutput output) {
    assertThatThrownBy(() -> run("--byproduct.kafka.properties.security.protocol=SASL_SSL",
        "--byproduct.kafka.properties.sasl.mechanism=SCRAM-SHA-512"));

    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains("Property: byproduct.kafka.properties.sasl.jaas.config")
        .contains("SCRAM-SHA-512");
  }

  @Test
  void invalidProperty_failsNamingItAndTheRule(CapturedOutput output) {
    assertThatThrownBy(() -> run("--byproduct.topics.partitions=0"));

    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains("byproduct.topics.partitions")
        .contains("must be greater than or equal to 1");
  }
}
