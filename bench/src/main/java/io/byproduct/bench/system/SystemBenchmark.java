package io.byproduct.bench.system;

import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.bench.topology.TopologyBenchmark;
import io.byproduct.bench.topology.TopologyRuns;
import io.byproduct.bench.topology.TopologyRuns.Result;
import io.byproduct.devstack.LocalStack;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.topics.Topics;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole system under simulated workers: N sessions over real WebSockets play worker scripts
 * (60 Hz pointer samples while moving, hovers, clicks, a Submit every page) in real time or as fast
 * as possible, against the local stack started in this JVM (devstack's {@link LocalStack}) or one
 * already running. Reports events/s accepted, ack latency, submit → page visible in DynamoDB, heap
 * and CPU, events lost against the oracle; and, on the same broker in the same run, a bare producer
 * and a pass-through topology beside the gateway and the capture topology. This class sets up the
 * stack, the topics and the baselines around the {@link LoadPhase}, which plays the sessions.
 */
public final class SystemBenchmark {

  /**
   * @param realTime send frames at the times the scripts say (else all at once)
   * @param duration in real time, a worker starts no page after this (at least one page each)
   * @param rampUp workers start evenly spread over this
   * @param baselineEvents most events given to the bare producer and the topologies
   * @param warmUp latencies of what is sent in this time after the first frame are reported apart
   * @param external a running stack (gateway URL, Kafka, DynamoDB), or null to start one here
   * @param settle after the last ack, longest wait for the pages in DynamoDB, the survey codes, the
   *     stream processor's end and the oracle's pages (each)
   */
  public record Options(int workers, int pages, Duration duration, boolean realTime, long flushMs, Duration rampUp,
      int visitsPerPage, int baselineEvents, boolean baselines, Duration warmUp, ExternalStack external,
      Duration settle) {

    /** The options with the default settling time (3 minutes). */
    public Options(int workers, int pages, Duration duration, boolean realTime, long flushMs, Duration rampUp,
        int visitsPerPage, int baselineEvents, boolean baselines, Duration warmUp, ExternalStack external) {
      this(workers, pages, duration, realTime, flushMs, rampUp, visitsPerPage, baselineEvents, baselines, warmUp,
          external, Duration.ofMinutes(3));
    }

    long settleMillis() {
      return settle.toMillis();
    }
  }

  /** A stack already running: {@code http://host:port} of the gateway, Kafka's bootstrap servers, DynamoDB's endpoint. */
  public record ExternalStack(URI gateway, String kafka, String dynamo) {}

  /** What a run found, for callers that check it and for the scaling curve. */
  public record Outcome(long events, long eventsAcked, int pages, int pagesEqual, long itemsLost,
      long itemsDuplicated, boolean baselinesMeasured, Measures measures) {}

  /**
   * The scaling curve's figures of a run: latencies in ms (after the warm-up in real time; NaN if
   * none), the stream processor's lag at the end in seconds (NaN: not caught up within the
   * settling time), CPU in cores by component and the machine's busy share (0..1).
   */
  public record Measures(int workers, double offeredEventsPerSecond, double ackP50, double ackP99, double visibleP50,
      double visibleP99, int pagesNotVisible, double processorLagSeconds, double surveyCodeP50, double surveyCodeP99,
      int surveyCodes, Map<String, Double> coresByComponent, double machineCpu) {}

  static final String STREAM_PROCESSOR_GROUP = "stream-processor";

  private final Options o;
  private final PrintStream out;
  /** The gateway's worker-id key: the simulated workers' capabilities are computed with it. */
  private String workerIdKey;
  /** A stack started by the caller in this JVM, used instead of starting one (and left running). */
  private final LocalStack shared;

  public SystemBenchmark(Options options, PrintStream out) {
    this(options, out, null);
  }

  /** Runs on {@code shared}, a local stack the caller started in this JVM and closes (the scaling sweep). */
  public SystemBenchmark(Options options, PrintStream out, LocalStack shared) {
    this.o = options;
    this.out = out;
    this.shared = shared;
  }

  public Outcome run() throws Exception {
    // Kafka's expected warnings under exactly-once (CONCURRENT_TRANSACTIONS retries) would bury the report
    System.setProperty("logging.level.org.apache.kafka", "ERROR");
    System.setProperty("logging.level.kafka", "ERROR");
    System.setProperty("logging.level.org.apache.kafka.streams.KafkaStreams", "WARN");
    quietAndPatient();
    out.println(Machine.describe());
    LocalStack stack = shared;
    if (o.external() == null && stack == null) {
      out.println("Starting the local stack in this JVM (Kafka, dynalite, gateway, stream processor, page assembler) ...");
      stack = LocalStack.start(null, 0, new PrintStream(PrintStream.nullOutputStream()));
    }
    try {
      URI gateway = o.external() != null ? o.external().gateway() : URI.create(stack.baseUrl());
      // the simulated pages' capabilities are computed with the gateway's worker-id key
      workerIdKey = stack != null ? stack.workerIdKey() : System.getenv("BYPRODUCT_GATEWAY_WORKERIDKEY");
      if (workerIdKey == null || workerIdKey.isBlank()) {
        throw new IllegalStateException("set BYPRODUCT_GATEWAY_WORKERIDKEY to the external gateway's worker-id key:"
            + " the simulated workers' hellos carry capabilities computed with it");
      }
      String kafka = o.external() != null ? o.external().kafka() : stack.kafkaBootstrapServers();
      String dynamoEndpoint = o.external() != null ? o.external().dynamo() : stack.dynamoEndpoint();
      DynamoProperties dynamoProps = new DynamoProperties(URI.create(dynamoEndpoint), "us-east-1", "local", "local",
          Duration.ofSeconds(30), new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage"));
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka));
          DynamoDbClient dynamo = DynamoClients.create(dynamoProps)) {
        return run(URI.create(gateway.toString().replaceFirst("^http", "ws") + "/ingest/ws"), kafka, admin, dynamo,
            new Tables(dynamoProps.tables()), stack != null);
      }
    } finally {
      if (stack != null && stack != shared) {
        stack.close();
      }
    }
  }

  /**
   * The survey-code probe's reconnects would bury the report too. And the in-process gateway gets
   * 60 s, not 10 s, for a request's head and for a WebSocket's hello: its guards closed handshakes
   * and sockets when the load generator opened hundreds of them at once in the same starved JVM
   * (load 20–30; the sweep of BENCHMARKS.md ran before the hello deadline was raised here).
   */
  public static void quietAndPatient() {
    System.setProperty("logging.level.reactor.netty.http.client", "ERROR");
    System.setProperty("logging.level.reactor.netty.channel.FluxReceive", "ERROR");
    System.setProperty("byproduct.gateway.connections.request-head-timeout", "60s");
    System.setProperty("byproduct.gateway.ingest.hello-timeout", "60s");
  }

  private Outcome run(URI ingest, String kafka, Admin admin, DynamoDbClient dynamo, Tables tables, boolean inProcess)
      throws Exception {
    Topics stackTopics = Topics.defaults();
    int partitions = admin.describeTopics(List.of(stackTopics.interactions.name())).allTopicNames().get()
        .get(stackTopics.interactions.name()).partitions().size();
    Topics benchTopics = Topics.withPrefix("bench" + System.currentTimeMillis() + ".");
    new TopicProvisioner(admin, benchTopics, new TopicsProperties(benchTopics.prefix(), partitions, Map.of(), (short) 1),
        kafka, Duration.ofSeconds(30)).createMissing();
    String passThroughSink = benchTopics.prefix() + "passthrough";
    admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(passThroughSink, partitions, (short) 1)))
        .all().get();

    long plannedStart = System.currentTimeMillis() + 3_000;
    List<SimulatedSession> sessions = sessions(plannedStart);
    long events = sessions.stream().mapToLong(SimulatedSession::lastSeq).sum();
    long samples = sessions.stream().flatMap(s -> s.pages().stream()).mapToLong(PageScript::pointerSamples).sum();
    int pages = sessions.stream().mapToInt(s -> s.pages().size()).sum();
    long frames = sessions.stream().mapToLong(s -> s.frames().size()).sum();
    double scriptSeconds = (sessions.stream().mapToLong(SimulatedSession::endMillis).max().orElse(0) - plannedStart) / 1e3;
    out.printf("%nSimulated %,d workers, %,d pages (up to %d each), %,d events (%,d pointer samples at 60 Hz), %,d frames"
        + " flushed every %d ms; %s%n", o.workers(), pages, o.pages(), events, samples, frames, o.flushMs(),
        o.realTime() ? String.format("real time: %.0f s of script, workers starting over %d s, offered %,.0f events/s"
            + " at full load", scriptSeconds, o.rampUp().toSeconds(),
            sessions.stream().mapToDouble(s -> s.lastSeq() * 1000.0 / Math.max(1, s.endMillis() - s.startMillis())).sum())
            : "as fast as possible");
    out.printf("Kafka topics of %d partitions; load before: %s%n", partitions, Machine.loadAverage());
    registerHits(dynamo, tables, sessions);

    List<InteractionEvent> baselineEvents = baselineEvents(sessions);
    Result bare = null;
    if (o.baselines()) {
      bare = TopologyRuns.bareProducer(kafka, benchTopics.interactions, baselineEvents);
      out.printf("  baseline: %-42s %,10.0f events/s (%,d events)%n", bare.name(), bare.eventsPerSecond(), bare.events());
    }

    URI gateway = URI.create(ingest.toString().replaceFirst("^ws", "http").replace("/ingest/ws", ""));
    LoadPhase.Result phase = new LoadPhase(o, out, workerIdKey).play(ingest, gateway, sessions, dynamo, tables, inProcess);
    Map<TopicPartition, Long> interactionEnds = TopologyRuns.endOffsets(admin, stackTopics.interactions.name(), partitions);
    double caughtUpAfterLastAck = caughtUpSeconds(admin, interactionEnds, phase.lastAckNanos(), o.settle());
    out.printf("Load after: %s%n", Machine.loadAverage());

    out.println("Checking every submitted page against the oracle ...");
    OracleCheck.Result oracle = OracleCheck.checkWhenStored(new PageReader(dynamo, tables), sessions, 4,
        o.settle().compareTo(Duration.ofMinutes(5)) < 0 ? o.settle() : Duration.ofMinutes(5));

    Result passThrough = null;
    Result capture = null;
    if (o.baselines()) {
      Map<TopicPartition, Long> ends = TopologyRuns.endOffsets(admin, benchTopics.interactions.name(), partitions);
      passThrough = TopologyRuns.drain("pass-through topology (exactly-once)", kafka, admin,
          TopologyRuns.passThrough(benchTopics.interactions.name(), passThroughSink), ends, baselineEvents.size());
      capture = TopologyRuns.drain("capture topology (exactly-once)", kafka, admin,
          TopologyBenchmark.captureTopology(benchTopics), ends, baselineEvents.size());
    }
    new SystemReport(out, o, events, phase, caughtUpAfterLastAck, oracle, bare, passThrough, capture).print();
    return new Outcome(events, phase.eventsAcked(), oracle.pages(), oracle.pagesEqual(), oracle.missing(),
        oracle.extra(), capture != null && bare != null, measures(sessions, phase, caughtUpAfterLastAck));
  }

  private Measures measures(List<SimulatedSession> sessions, LoadPhase.Result phase, double lag) {
    boolean warmUp = o.realTime() && o.warmUp().toMillis() > 0;
    Latencies.Summary acks = warmUp ? phase.acks().steady() : phase.acks().all();
    Latencies.Summary visible = warmUp ? phase.visible().steady() : phase.visible().all();
    Latencies.Summary codes = warmUp ? phase.surveyCodes().steady() : phase.surveyCodes().all();
    ResourceSampler.Report r = phase.resources();
    Map<String, Double> cores = new java.util.LinkedHashMap<>();
    r.cpuSecondsByComponent().forEach((component, seconds) -> cores.put(component, seconds / r.seconds()));
    double offered = sessions.stream().mapToDouble(s -> s.lastSeq() * 1000.0 / Math.max(1, s.endMillis() - s.startMillis()))
        .sum();
    return new Measures(o.workers(), offered, acks.percentileMillis(50), acks.percentileMillis(99),
        visible.percentileMillis(50), visible.percentileMillis(99), phase.pagesInvisible(), lag,
        codes.percentileMillis(50), codes.percentileMillis(99), codes.count(), cores, r.machineCpu());
  }

  /**
   * Registers every simulated worker's HIT ({@code bench}/{@code hit-<n>}) with as many pages as the
   * worker plays, so the survey code is due once they are stored ({@link SurveyCodeProbe}).
   */
  private static void registerHits(DynamoDbClient dynamo, Tables tables, List<SimulatedSession> sessions) {
    List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> hits = new ArrayList<>();
    for (SimulatedSession s : sessions) {
      StringBuilder pages = new StringBuilder();
      for (PageScript page : s.pages()) {
        pages.append(pages.isEmpty() ? "" : ",").append("{\"pageno\":").append(page.pageNo()).append('}');
      }
      hits.add(software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument.fromJson("{\"hitDatasetName\":\""
          + s.worker().hitDatasetName() + "\",\"id\":\"" + s.worker().imageNetHitId() + "\",\"pages\":[" + pages + "]}")
          .toMap());
    }
    io.byproduct.platform.batches.DynamoBatches.putAll(dynamo, tables.names().hit(), hits);
  }

  private List<SimulatedSession> sessions(long plannedStart) {
    WorkerScripts scripts = new WorkerScripts(11);
    List<SimulatedSession> sessions = new ArrayList<>();
    for (int w = 0; w < o.workers(); w++) {
      long start = o.realTime() ? plannedStart + o.rampUp().toMillis() * w / o.workers() : plannedStart - 3_600_000 + w * 13L;
      sessions.add(SimulatedSession.script(scripts, w, start, o.pages(),
          o.realTime() ? o.duration().toMillis() : Long.MAX_VALUE, o.visitsPerPage(), o.flushMs()));
    }
    return sessions;
  }

  /** The same events the gateway writes, of the first sessions, up to the baseline's size, interleaved by time. */
  private List<InteractionEvent> baselineEvents(List<SimulatedSession> sessions) {
    List<InteractionEvent> all = new ArrayList<>();
    for (SimulatedSession s : sessions) {
      if (all.size() >= o.baselineEvents()) {
        break;
      }
      all.addAll(s.events());
    }
    all.sort(java.util.Comparator.comparingLong(InteractionEvent::getClientTime));
    return all;
  }

  /** Seconds after the last ack until the stream processor has committed the end of the interactions. */
  private static double caughtUpSeconds(Admin admin, Map<TopicPartition, Long> ends, long lastAckNanos, Duration settle)
      throws Exception {
    long deadline = System.nanoTime() + settle.toNanos();
    while (!TopologyRuns.caughtUp(admin, STREAM_PROCESSOR_GROUP, ends)) {
      if (System.nanoTime() > deadline) {
        return Double.NaN;
      }
      Thread.sleep(20);
    }
    return Math.max(0, (System.nanoTime() - lastAckNanos) / 1e9);
  }
}
