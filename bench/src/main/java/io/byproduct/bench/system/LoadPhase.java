package io.byproduct.bench.system;

import io.byproduct.platform.tables.Tables;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.netty.resources.LoopResources;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The load phase of a {@link SystemBenchmark}: plays every simulated session over its own WebSocket
 * (paced in real time or all at once), waits for every ack and every submitted page in DynamoDB, and
 * measures ack latency, pacing lag, submit → page visible, heap and CPU and the gateway's metrics.
 */
final class LoadPhase {

  private final SystemBenchmark.Options o;
  private final PrintStream out;
  /** The gateway's worker-id key: the simulated workers' capabilities are computed with it. */
  private final String workerIdKey;

  LoadPhase(SystemBenchmark.Options options, PrintStream out, String workerIdKey) {
    this.o = options;
    this.out = out;
    this.workerIdKey = workerIdKey;
  }

  /** What the load phase measured. */
  record Result(double seconds, long firstSendNanos, long lastAckNanos, long eventsAcked, int sessionsAcked, int errors,
      List<String> closed,
      Latencies.Split acks, Latencies.Split pacingLag, Latencies.Split visible, int pagesSubmitted,
      int pagesInvisible, Latencies.Split surveyCodes, String surveyCodeSummary, ResourceSampler.Report resources,
      boolean inProcess, String gatewayMetrics) {}

  Result play(URI ingest, URI gateway, List<SimulatedSession> sessions, DynamoDbClient dynamo, Tables tables,
      boolean inProcess) throws Exception {
    Latencies.Split acks = new Latencies.Split();
    Latencies.Split pacingLag = new Latencies.Split();
    Latencies.Split visible = new Latencies.Split();
    Latencies.Split codes = new Latencies.Split();
    LoopResources loops = LoopResources.create("bench-ws", 2, true);
    ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2, named("bench-pace"));
    SurveyCodeProbe surveyCodes = new SurveyCodeProbe(gateway, workerIdKey, codes, loops);
    List<SessionDriver> drivers = new ArrayList<>();
    try (PageVisibility visibility = new PageVisibility(dynamo, tables.names().page(), visible);
        ResourceSampler resources = new ResourceSampler();
        GatewayMetrics gatewayMetrics = new GatewayMetrics(gateway)) {
      sessions.forEach(s -> drivers.add(new SessionDriver(s, acks, pacingLag, (annotationId, pageNo, sentNanos) -> {
        visibility.submitted(annotationId, pageNo, sentNanos);
        if (pageNo == s.pages().size()) {
          surveyCodes.lastPageSubmitted(s.worker(), sentNanos);
        }
      })));
      long firstSend = System.nanoTime();
      long steadyFrom = firstSend + (o.realTime() ? 3_000_000_000L + o.warmUp().toNanos() : 0);
      acks.steadyFrom(steadyFrom);
      pacingLag.steadyFrom(steadyFrom);
      visible.steadyFrom(steadyFrom);
      codes.steadyFrom(steadyFrom);
      if (o.realTime()) {
        for (SessionDriver d : drivers) {
          long delay = d.session().startMillis() - System.currentTimeMillis();
          pacer.schedule(() -> {
            d.connect(ingest, loops, workerIdKey);
            d.play(pacer, d.session().startMillis());
          }, Math.max(0, delay), TimeUnit.MILLISECONDS);
        }
      } else {
        drivers.forEach(d -> d.connect(ingest, loops, workerIdKey));
        drivers.forEach(SessionDriver::sendAll);
      }
      long scriptEnd = sessions.stream().mapToLong(SimulatedSession::endMillis).max().orElse(0);
      long ackTimeout = Math.max(0, scriptEnd - System.currentTimeMillis()) + Math.max(60_000, o.settleMillis());
      long deadline = System.currentTimeMillis() + ackTimeout;
      int acked = 0;
      long lastAck = System.nanoTime();
      for (SessionDriver d : drivers) {
        if (d.awaitAllAcked(Math.max(1, deadline - System.currentTimeMillis()))) {
          acked++;
        }
      }
      lastAck = drivers.stream().mapToLong(SessionDriver::allAckedNanos).max().orElse(lastAck);
      out.printf("  %,d of %,d sessions fully acknowledged; waiting for the pages in DynamoDB ...%n", acked, drivers.size());
      visibility.awaitAllVisible(o.settleMillis());
      surveyCodes.awaitAll(Math.min(o.settleMillis(), SurveyCodeProbe.GIVE_UP_MILLIS));
      ResourceSampler.Report report = resources.report();
      int errors = drivers.stream().mapToInt(SessionDriver::errors).sum();
      List<String> closed = drivers.stream().map(SessionDriver::closedWith).filter(c -> c != null)
          .collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
          .entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).toList();
      long eventsAcked = drivers.stream().mapToLong(SessionDriver::ackedEvents).sum();
      return new Result((lastAck - firstSend) / 1e9, firstSend, lastAck, eventsAcked, acked, errors, closed, acks,
          pacingLag, visible, visibility.visible() + visibility.invisible(),
          visibility.invisible(), codes, surveyCodes.summary(), report, inProcess, gatewayMetrics.summary());
    } finally {
      drivers.forEach(SessionDriver::close);
      pacer.shutdownNow();
      surveyCodes.close();
      try {
        loops.disposeLater().block(Duration.ofSeconds(10));
      } catch (IllegalStateException slow) {
        out.println("  (the load generator's event loops did not stop within 10 s; going on)");
      }
    }
  }

  static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
