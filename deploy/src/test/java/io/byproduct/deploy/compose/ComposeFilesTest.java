package io.byproduct.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.byproduct.localinfra.MissingTool;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose files as Compose itself reads them ({@code docker-compose -f FILE config}: schema,
 * anchors and variables resolved), then what they must say: which services, images, ports,
 * start order, replication. Needs Debian's {@code docker-compose} ({@code ./test} installs it as
 * root); without it the tests that run it are skipped with a {@link MissingTool} reason, which
 * {@code ./test} counts at the end of the run (and refuses to start in CI, CI=true, without it).
 */
class ComposeFilesTest {

  private static final Path ROOT = Path.of(System.getProperty("byproduct.root", "..")).toAbsolutePath().normalize();
  private static Path compose;

  @BeforeAll
  static void findDockerCompose() {
    compose = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, "docker-compose")).filter(Files::isExecutable).findFirst().orElse(null);
  }

  /** Each test that runs Compose is skipped, with the reason, when it is missing (a skip in @BeforeAll would hide the reason). */
  private static void assumeDockerCompose() {
    assumeTrue(compose != null, () -> MissingTool.reason("docker-compose", "docker-compose is not on the PATH, so the"
        + " compose files cannot be validated (./test installs Debian's docker-compose when run as root)"));
  }

  /** The secrets the compose files require, one per purpose (test values). */
  private static final Map<String, String> SECRETS = Map.of(
      "BYPRODUCT_WORKER_ID_KEY", "compose-test-worker-id-key-0123",
      "BYPRODUCT_SURVEY_CODE_KEY", "compose-test-survey-code-key-0123",
      "BYPRODUCT_LIVE_TOKEN", "compose-test-live-token-0123",
      "BYPRODUCT_REVIEW_TOKEN", "compose-test-review-token-0123");

  private record Run(int exit, String out, String err) {}

  private static Run config(String file, Map<String, String> env) throws Exception {
    assumeDockerCompose();
    ProcessBuilder builder = new ProcessBuilder(compose.toString(), "--project-directory", ROOT.toString(),
        "-f", ROOT.resolve(file).toString(), "config").redirectErrorStream(false);
    SECRETS.keySet().forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), err);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(String file) throws Exception {
    Run run = config(file, SECRETS);
    assertThat(run.exit()).as("docker-compose config of %s: %s", file, run.err()).isZero();
    Map<String, Object> config = new Yaml().load(run.out());
    return (Map<String, Map<String, Object>>) config.get("services");
  }

  private static List<String> hostAddresses(Map<String, Object> service) {
    return ports(service).stream().map(p -> p.get("host_ip")).collect(Collectors.toList());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(Map<String, Object> service) {
    return (Map<String, Object>) service.get("environment");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> dependsOn(Map<String, Object> service) {
    return (Map<String, Map<String, Object>>) service.get("depends_on");
  }

  /** Published ports as Compose prints them: maps (Compose v2) or "host_ip:published:target/proto" (v1). */
  @SuppressWarnings("unchecked")
  private static List<Map<String, String>> ports(Map<String, Object> service) {
    List<Object> ports = (List<Object>) service.getOrDefault("ports", List.of());
    return ports.stream().map(p -> {
      if (p instanceof Map<?, ?> map) {
        return Map.of("published", String.valueOf(map.get("published")), "host_ip", String.valueOf(map.get("host_ip")));
      }
      String[] parts = String.valueOf(p).replaceAll("/\\w+$", "").split(":");
      return parts.length == 3 ? Map.of("published", parts[1], "host_ip", parts[0]) : Map.of("published", parts[0], "host_ip", "null");
    }).collect(Collectors.toList());
  }

  private static List<String> publishedPorts(Map<String, Object> service) {
    return ports(service).stream().map(p -> p.get("published")).collect(Collectors.toList());
  }

  @Test
  void singleMachine_kafkaDynaliteInitAndTheThreeServices_demoOnPort8080() throws Exception {
    Map<String, Map<String, Object>> services = services("docker-compose.yml");

    assertThat(services).containsOnlyKeys("kafka", "dynamodb", "init", "gateway", "stream-processor", "page-assembler");
    assertThat(services.get("gateway").get("image")).isEqualTo("byproduct/gateway:latest");
    assertThat(services.get("stream-processor").get("image")).isEqualTo("byproduct/stream-processor:latest");
    assertThat(services.get("page-assembler").get("image")).isEqualTo("byproduct/page-assembler:latest");
    assertThat(services.get("init").get("image")).isEqualTo("byproduct/init:latest");
    assertThat(String.valueOf(services.get("kafka").get("image"))).startsWith("apache/kafka:");
    assertThat(publishedPorts(services.get("gateway"))).as("the local run's URL").containsExactly("8080");
    assertThat(publishedPorts(services.get("kafka"))).containsExactly("9092");
    assertThat(publishedPorts(services.get("dynamodb"))).containsExactly("8000");
    assertThat(hostAddresses(services.get("kafka"))).as("PLAINTEXT Kafka on this machine only").containsExactly("127.0.0.1");
    assertThat(hostAddresses(services.get("dynamodb"))).as("dynalite on this machine only").containsExactly("127.0.0.1");
    assertThat(services.get("gateway").get("healthcheck").toString()).contains("http://127.0.0.1:8081/actuator/health");
    assertThat(env(services.get("gateway"))).containsEntry("MANAGEMENT_SERVER_PORT", "8081")
        .containsEntry("BYPRODUCT_GATEWAY_WORKERIDKEY", SECRETS.get("BYPRODUCT_WORKER_ID_KEY"))
        .containsEntry("BYPRODUCT_GATEWAY_SURVEYCODEKEY", SECRETS.get("BYPRODUCT_SURVEY_CODE_KEY"))
        .containsEntry("BYPRODUCT_GATEWAY_LIVE_TOKEN", SECRETS.get("BYPRODUCT_LIVE_TOKEN"))
        .containsEntry("BYPRODUCT_GATEWAY_REVIEW_TOKEN", SECRETS.get("BYPRODUCT_REVIEW_TOKEN"));

    assertThat(dependsOn(services.get("init"))).containsOnlyKeys("kafka", "dynamodb");
    dependsOn(services.get("init")).values().forEach(d -> assertThat(d.get("condition")).isEqualTo("service_healthy"));
    for (String name : List.of("gateway", "stream-processor", "page-assembler")) {
      assertThat(dependsOn(services.get(name)).get("init").get("condition")).isEqualTo("service_completed_successfully");
      assertThat(env(services.get(name))).containsEntry("BYPRODUCT_KAFKA_BOOTSTRAPSERVERS", "kafka:19092")
          .containsEntry("BYPRODUCT_DYNAMO_ENDPOINT", "http://dynamodb:8000");
      assertThat(services.get(name)).containsKey("mem_limit");
    }
    assertThat(env(services.get("kafka"))).containsEntry("KAFKA_ADVERTISED_LISTENERS",
        "INTERNAL://kafka:19092,EXTERNAL://localhost:9092");
    assertThat(services.get("dynamodb").get("volumes").toString()).contains("dynamodb-data:/data");
  }

  @Test
  void cluster_threeBrokersReplicatingThreeTimes_twoInstancesOfEachService_behindOneLoadBalancer() throws Exception {
    Map<String, Map<String, Object>> services = services("docker-compose.cluster.yml");

    List<String> brokers = List.of("kafka-1", "kafka-2", "kafka-3");
    assertThat(services).containsOnlyKeys("kafka-1", "kafka-2", "kafka-3", "dynamodb", "init", "load-balancer",
        "gateway-1", "gateway-2", "stream-processor-1", "stream-processor-2", "page-assembler-1", "page-assembler-2");
    assertThat(brokers.stream().map(b -> env(services.get(b)).get("KAFKA_NODE_ID"))).containsExactly("1", "2", "3");
    for (String broker : brokers) {
      assertThat(env(services.get(broker)))
          .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
          .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
          .containsEntry("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://" + broker + ":19092");
    }
    for (String name : List.of("init", "gateway-1", "gateway-2", "stream-processor-1", "stream-processor-2",
        "page-assembler-1", "page-assembler-2")) {
      assertThat(env(services.get(name))).as(name)
          .containsEntry("BYPRODUCT_TOPICS_REPLICATIONFACTOR", "3")
          .containsEntry("BYPRODUCT_TOPICS_PARTITIONS", "12")
          .containsEntry("BYPRODUCT_KAFKA_BOOTSTRAPSERVERS", "kafka-1:19092,kafka-2:19092,kafka-3:19092");
    }
    assertThat(services.get("stream-processor-1").get("volumes")).as("own state per instance")
        .isNotEqualTo(services.get("stream-processor-2").get("volumes"));
    assertThat(publishedPorts(services.get("load-balancer"))).containsExactly("8080");
    assertThat(publishedPorts(services.get("gateway-1"))).isEmpty();
    assertThat(hostAddresses(services.get("dynamodb"))).as("dynalite on this machine only").containsExactly("127.0.0.1");
    assertThat(env(services.get("gateway-1"))).containsEntry("MANAGEMENT_SERVER_PORT", "8081")
        .containsEntry("BYPRODUCT_GATEWAY_LIVE_TOKEN", SECRETS.get("BYPRODUCT_LIVE_TOKEN"))
        .containsEntry("BYPRODUCT_GATEWAY_REVIEW_TOKEN", SECRETS.get("BYPRODUCT_REVIEW_TOKEN"));
    assertThat(dependsOn(services.get("init"))).containsKeys("kafka-1", "kafka-2", "kafka-3", "dynamodb");

    String nginx = Files.readAllLines(ROOT.resolve("deploy/compose/nginx.conf")).stream()
        .filter(line -> !line.trim().startsWith("#")).collect(Collectors.joining("\n"));
    assertThat(nginx).contains("server gateway-1:8080").contains("server gateway-2:8080")
        .contains("proxy_set_header Upgrade $http_upgrade").contains("proxy_buffering off")
        .as("no sticky sessions").doesNotContain("ip_hash").doesNotContain("sticky").doesNotContain("hash $");
  }

  /** The attack: starting with the demo secrets of old, or with a secret missing. Compose refuses, naming it. */
  @Test
  void eitherFile_withoutItsSecrets_refusesToStart_namingTheMissingOne() throws Exception {
    for (String file : List.of("docker-compose.yml", "docker-compose.cluster.yml")) {
      for (String missing : SECRETS.keySet()) {
        Map<String, String> env = new java.util.HashMap<>(SECRETS);
        env.remove(missing);
        Run run = config(file, env);
        assertThat(run.exit()).as("%s without %s", file, missing).isNotZero();
        assertThat(run.err()).as("%s without %s", file, missing).contains(missing);
      }
      assertThat(Files.readString(ROOT.resolve(file))).as("no demo fallbacks in %s", file).doesNotContain("demo-only-");
    }
  }

  @Test
  void dynaliteImage_isTheLocalRunsVersion_withItsDataOnAVolume() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("deploy/dynalite/Dockerfile"));
    String localInfra = Files.readString(ROOT.resolve("local-infra/dynalite/package.json"));
    String version = dockerfile.replaceAll("(?s).*ARG DYNALITE_VERSION=([0-9.]+).*", "$1");
    assertThat(localInfra).contains("\"dynalite\": \"" + version + "\"");
    assertThat(dockerfile).contains("USER node").contains("--path\", \"/data\"").contains("HEALTHCHECK");
  }
}
