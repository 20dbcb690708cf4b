package io.byproduct.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.localinfra.FreePort;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.health.DynamoHealthIndicator;
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
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service wired with the platform starts against a real broker and DynamoDB server, reports both
 * UP, and refuses to start on bad configuration with a report naming the property and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupChecksIT {

  private static LocalKafka kafka;
  private static LocalDynamo dynamo;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class AnyService {}

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    dynamo = LocalDynamo.start();
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    kafka.close();
  }

  private static ConfigurableApplicationContext run(String... extra) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("byproduct.kafka.bootstrap-servers", kafka.bootstrapServers());
    args.put("byproduct.kafka.startup-timeout", "3s");
    args.put("byproduct.dynamo.endpoint", dynamo.endpoint());
    args.put("byproduct.dynamo.call-timeout", "3s");
    for (String arg : extra) {
      String[] pair = arg.substring(2).split("=", 2);
      args.put(pair[0], pair[1]);
    }
    return new SpringApplicationBuilder(AnyService.class).web(WebApplicationType.NONE)
        .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }

  @Test
  void createMissing_startsAndReportsKafkaAndDynamoUp() {
    try (ConfigurableApplicationContext context = run(
        "--byproduct.provisioning.create-missing=true", "--byproduct.topics.prefix=startup.")) {

      assertThat(context.getBean(KafkaHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
      assertThat(context.getBean(DynamoHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
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
  void unreachableDynamo_failsNamingTheEndpoint(CapturedOutput output) {
    int closedPort = FreePort.pick();

    assertThatThrownBy(() -> run("--byproduct.provisioning.create-missing=true",
        "--byproduct.topics.prefix=nodynamo.", "--byproduct.dynamo.endpoint=http://127.0.0.1:" + closedPort));

    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains("Property: byproduct.dynamo.endpoint")
        .contains("http://127.0.0.1:" + closedPort);
  }

  @Test
  void missingTable_failsNamingTheTableProperty(CapturedOutput output) {
    try (ConfigurableApplicationContext topicsOnly = run("--byproduct.provisioning.create-missing=true",
        "--byproduct.topics.prefix=missingtable.", "--byproduct.dynamo.tables.hit=tablesCreatedHere")) {
      // creates the topics and tables under other names
    }

    assertThatThrownBy(() -> run("--byproduct.topics.prefix=missingtable.",
        "--byproduct.dynamo.tables.hit=NoSuchHitTable"));

    assertThat(output.getOut() + output.getErr())
        .contains("Property: byproduct.dynamo.tables.hit")
        .contains("NoSuchHitTable")
        .contains("create-missing=true");
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
