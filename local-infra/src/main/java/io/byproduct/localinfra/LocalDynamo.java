package io.byproduct.localinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dynalite (npm, Apache-2.0), a real HTTP server that speaks DynamoDB's wire protocol, run as a
 * child process of this JVM on a free loopback port. In memory by default, or on disk (LevelDB)
 * in a data directory that survives restarts.
 *
 * <p>The child watches the pipe to its standard input and exits when it closes, so even a JVM
 * killed without running its shutdown hooks leaves no server behind.
 */
public final class LocalDynamo implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalDynamo.class);
  private static final String READY = "Dynalite listening at";

  private final Process process;
  private final String endpoint;
  private final Thread shutdownHook;

  private LocalDynamo(Process process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
    this.shutdownHook = new Thread(this::stopProcess, "local-dynamo-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts an in-memory server, locating dynalite with {@link DynaliteInstall#locate()}. */
  public static LocalDynamo start() {
    return start(DynaliteInstall.locate(), null, 0);
  }

  /**
   * @param install where dynalite is installed
   * @param dataDir a directory for LevelDB files, or {@code null} to keep everything in memory
   * @param preferredPort the port to use if free (0: any free port)
   */
  public static LocalDynamo start(DynaliteInstall install, Path dataDir, int preferredPort) {
    int port = FreePort.preferring(preferredPort);
    List<String> command = new ArrayList<>(List.of(
        install.node(), install.childScript().toString(),
        "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
    if (dataDir != null) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create the DynamoDB data directory " + dataDir, e);
      }
      command.add("--path");
      command.add(dataDir.toAbsolutePath().toString());
    }
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run '" + install.node() + "' to start dynalite ("
          + e.getMessage() + "). Install Node.js 20 or newer, or set byproduct.dynalite.node.", e);
    }
    Deque<String> output = new ConcurrentLinkedDeque<>();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader = new Thread(() -> pump(process, output, ready), "dynalite-output-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      if (!ready.await(30, TimeUnit.SECONDS) || !process.isAlive()) {
        process.destroyForcibly();
        throw new IllegalStateException("dynalite did not start on port " + port + ": "
            + String.join(" | ", output));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting dynalite", e);
    }
    String endpoint = "http://127.0.0.1:" + port;
    log.info("DynamoDB-compatible server (dynalite) ready at {}{}", endpoint,
        dataDir == null ? " (in memory)" : " with data in " + dataDir);
    return new LocalDynamo(process, endpoint);
  }

  private static void pump(Process process, Deque<String> output, CountDownLatch ready) {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.contains(READY)) {
          ready.countDown();
        } else {
          output.add(line);
          if (output.size() > 20) {
            output.pollFirst();
          }
          log.warn("dynalite: {}", line);
        }
      }
    } catch (IOException ignored) {
      // the process ended
    } finally {
      ready.countDown();
    }
  }

  /** The endpoint to give the AWS SDK ({@code endpointOverride}). */
  public String endpoint() {
    return endpoint;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private void stopProcess() {
    if (!process.isAlive()) {
      return;
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
