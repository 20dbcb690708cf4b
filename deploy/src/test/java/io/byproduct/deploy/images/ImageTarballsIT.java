package io.byproduct.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image tarballs {@code ./mvnw verify} builds (jib:buildTar), read without a Docker engine: the
 * entrypoint, the non-root user, the exposed port, the environment, the runtime's file modes; and,
 * where this test runs as root on Linux, each service image's file system unpacked and its
 * entrypoint run in a chroot as the image's user, up to the service's own start-up check, and the
 * compose files' health-check command run the same way.
 */
class ImageTarballsIT {

  private static final Path ROOT = Path.of(System.getProperty("byproduct.root", ".."));
  private static final String VERSION = System.getProperty("byproduct.version", "0.1.0-SNAPSHOT");
  private static final String CHROOT = "/usr/sbin/chroot";
  private static final boolean JLINKED_RUNTIME = "scratch".equals(System.getProperty("byproduct.image.base", "scratch"));

  /** In each test, not in @BeforeAll: a skip there reaches the reports as no test at all, without the reason. */
  @BeforeEach
  void imagesWereBuilt() {
    assumeTrue(!Boolean.getBoolean("byproduct.images.skipped"),
        "Skipped: the image tarballs were not built (image.skip, -Pquick or skipTests is set)");
  }

  private static final Map<String, ImageTarball> READ = new HashMap<>();

  private static synchronized ImageTarball image(String module, String name) {
    return READ.computeIfAbsent(name, n -> {
      Path tar = ROOT.resolve(module).resolve("target/image").resolve(name + ".tar");
      assertThat(tar).as("the tarball jib:buildTar writes in package").exists();
      return ImageTarball.read(tar);
    });
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
      "gateway, gateway, io.byproduct.gateway.GatewayApplication, 8080/tcp",
      "stream-processor, stream-processor, io.byproduct.streamprocessor.StreamProcessorApplication, ",
      "page-assembler, page-assembler, io.byproduct.pageassembler.PageAssemblerApplication, ",
      "deploy, init, io.byproduct.deploy.init.InitJob, "})
  void config_runsTheServiceAsANumericNonRootUser_withHeapFromTheContainerLimit(String module, String name,
      String mainClass, String port) {
    ImageTarball image = image(module, name);

    assertThat(image.repoTags()).containsExactlyInAnyOrder("byproduct/" + name + ":" + VERSION, "byproduct/" + name + ":latest");
    List<String> entrypoint = image.entrypoint();
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-cp", "@/app/jib-classpath-file");
    assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(mainClass);

    String user = image.containerConfig().get("User").asString();
    assertThat(user).as("numeric uid:gid (Kubernetes runAsNonRoot can check it)").matches("[0-9]+:[0-9]+");
    assertThat(Integer.parseInt(user.split(":")[0])).as("not root").isPositive();

    assertThat(image.exposedPorts()).isEqualTo(port == null ? List.of() : List.of(port));
    assertThat(image.env()).contains("JAVA_HOME=/opt/java/openjdk", "TZ=UTC")
        .anySatisfy(e -> assertThat(e).startsWith("PATH=/opt/java/openjdk/bin:"));
    assertThat(image.config.get("os").asString()).isEqualTo("linux");

    assertThat(image.modes.get("app/jib-classpath-file")).isNotNull();
    assertThat(image.modes.get("var/lib/byproduct")).as("writable state folder for the non-root user").isEqualTo(0777);
    if (JLINKED_RUNTIME) {
      assertThat(image.modes.get("opt/java/openjdk/bin/java")).isEqualTo(0755);
      assertThat(image.modes).as("the dynamic loader, executable")
          .hasEntrySatisfying(loader(image), mode -> assertThat(mode).isEqualTo(0755));
      assertThat(image.modes.keySet()).anyMatch(p -> p.endsWith("/libc.so.6")).anyMatch(p -> p.endsWith("/libz.so.1"));
      assertThat(image.modes).containsKeys("opt/java/openjdk/lib/security/cacerts", "etc/passwd", "etc/nsswitch.conf");
      assertThat(image.modes.get("tmp")).isEqualTo(0777);
      assertThat(image.modes.keySet()).as("no compiler, no header files").noneMatch(p -> p.endsWith("bin/javac") || p.contains("/include/"));
    }
  }

  private static String loader(ImageTarball image) {
    return image.modes.keySet().stream().filter(p -> p.matches("lib(64)?/ld-linux[^/]*\\.so\\.[0-9]+")).findFirst()
        .orElseThrow(() -> new AssertionError("no ld-linux*.so in " + image.file));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"gateway, gateway", "stream-processor, stream-processor", "page-assembler, page-assembler"})
  void runtimeLayer_isTheSameBytesInEveryImage(String module, String name) {
    assumeTrue(JLINKED_RUNTIME, "Skipped: the images are built on a registry's Java image (image.base)");
    ImageTarball gateway = image("gateway", "gateway");
    ImageTarball other = image(module, name);

    String runtime = gateway.layerHolding("opt/java/openjdk/bin/java");
    assertThat(runtime).isNotNull();
    assertThat(other.layerHolding("opt/java/openjdk/bin/java")).as("a registry stores the runtime once").isEqualTo(runtime);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
      "gateway, gateway, --byproduct.gateway.worker-id-key=0123456789abcdef0123456789 --byproduct.gateway.survey-code-key=fedcba9876543210fedcba9876",
      "stream-processor, stream-processor, --byproduct.stream-processor.state-dir=/var/lib/byproduct/streams",
      "page-assembler, page-assembler, --byproduct.page-assembler.poll-timeout=500ms"})
  void entrypoint_startsTheServiceInTheImagesOwnFileSystem(String module, String name, String extra,
      @TempDir Path rootfs) throws Exception {
    assumeTrue(JLINKED_RUNTIME, "Skipped: the images are built on a registry's Java image (image.base)");
    assumeTrue(System.getProperty("os.name").startsWith("Linux") && "root".equals(System.getProperty("user.name"))
            && Files.isExecutable(Path.of(CHROOT)),
        "Skipped: running the image's file system needs Linux, root and " + CHROOT + " (chroot, mount proc); not "
            + System.getProperty("os.name") + " as " + System.getProperty("user.name"));
    ImageTarball image = image(module, name);
    Files.setPosixFilePermissions(rootfs, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    image.unpack(rootfs);
    Path proc = Files.createDirectories(rootfs.resolve("proc"));
    int mounted = run(List.of("mount", "-t", "proc", "proc", proc.toString()), 30).exit;
    assumeTrue(mounted == 0, "Skipped: cannot mount /proc for the chroot (no CAP_SYS_ADMIN in this container)");
    try {
      String user = image.containerConfig().get("User").asString();
      Result version = run(List.of(CHROOT, "--userspec=" + user, rootfs.toString(), "/opt/java/openjdk/bin/java",
          "-version"), 60);
      assertThat(version.exit).as(version.output).isZero();
      assertThat(version.output).contains("OpenJDK");

      // The entrypoint as the image states it, with the image's environment only, against a closed
      // port: the JVM starts, the classpath resolves, Spring Boot runs, and the platform's start-up
      // check stops it naming the property.
      List<String> command = new ArrayList<>(List.of(CHROOT, "--userspec=" + user, rootfs.toString()));
      command.addAll(image.entrypoint());
      command.addAll(List.of("--byproduct.kafka.bootstrap-servers=127.0.0.1:9", "--byproduct.kafka.startup-timeout=2s",
          "--byproduct.dynamo.endpoint=http://127.0.0.1:9", "--byproduct.dynamo.call-timeout=2s", "--server.port=0"));
      command.addAll(List.of(extra.split(" ")));
      Map<String, String> env = new HashMap<>();
      image.env().forEach(e -> env.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
      Result start = run(command, 180, env);
      // (Kafka and DynamoDB are both unreachable: the first start-up check to run names its property)
      assertThat(start.output).contains("APPLICATION FAILED TO START").contains("127.0.0.1:9")
          .containsPattern("Property: byproduct\\.(kafka\\.bootstrap-servers|dynamo\\.endpoint)");
      assertThat(start.exit).isNotZero();

      // The compose files' health check, as written there: the image's JVM runs the probe.
      List<String> probe = new ArrayList<>(List.of(CHROOT, "--userspec=" + user, rootfs.toString()));
      probe.addAll(List.of("java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m",
          "-cp", "/app/libs/*", "io.byproduct.platform.health.HealthProbe", "http://127.0.0.1:9/actuator/health"));
      Result health = run(probe, 60, env);
      assertThat(health.output).contains("http://127.0.0.1:9/actuator/health -> java.net.ConnectException");
      assertThat(health.exit).as("unhealthy: nothing answers").isEqualTo(1);
    } finally {
      run(List.of("umount", "-l", proc.toString()), 30);
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
    return run(command, timeoutSeconds, null);
  }

  private static Result run(List<String> command, int timeoutSeconds, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (env != null) {
      builder.environment().clear();
      builder.environment().putAll(env);
    }
    Process process = builder.start();
    byte[][] out = new byte[1][];
    Thread reader = new Thread(() -> {
      try {
        out[0] = process.getInputStream().readAllBytes();
      } catch (IOException e) {
        out[0] = new byte[0];
      }
    });
    reader.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
    }
    reader.join();
    return new Result(process.exitValue(), new String(out[0], StandardCharsets.UTF_8));
  }
}
