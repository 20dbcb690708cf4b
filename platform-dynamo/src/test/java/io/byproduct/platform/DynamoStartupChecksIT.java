package io.byproduct.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.localinfra.FreePort;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.platform.health.DynamoHealthIndicator;
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
 * A service wired with platform-dynamo alone (no Kafka anywhere) starts against a real DynamoDB
 * server, reports it UP, and refuses to start on bad configuration with a report naming the
 * property and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class DynamoStartupChecksIT {

  private static LocalDynamo dynamo;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class AnyService {}

  @BeforeAll
  static void start() {
    dynamo = LocalDynamo.start();
  }

  @AfterAll
  static void stop() {
    dynamo.close();
  }

  private static ConfigurableApplicationContext run(String... extra) {
    Map<String, String> args = new LinkedHashMap<>();
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
  void createMissing_startsAndReportsDynamoUp_withNoKafka() {
    try (ConfigurableApplicationContext context = run(
        "--byproduct.provisioning.create-missing=true", "--byproduct.topics.prefix=startup.")) {

      assertThat(context.getBean(DynamoHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
      assertThat(context.getBeanNamesForType(HealthIndicator.class))
          .contains("dynamoHealthIndicator").doesNotContain("kafkaHealthIndicator");
    }
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

}
