package io.byproduct.gateway.ingest;

import static io.byproduct.gateway.ingest.TestIngest.hello;
import static io.byproduct.gateway.ingest.TestIngest.message;
import static io.byproduct.gateway.ingest.TestIngest.pointerFrame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * One connection on a MockProducer that completes sends only when told: the in-flight bound stops
 * the reading of further messages, acks follow durability, bad frames do not stop good ones.
 */
class IngestConnectionTest {

  private final List<String> answers = new CopyOnWriteArrayList<>();
  private final List<String> closes = new CopyOnWriteArrayList<>();

  private IngestConnection connect(TestIngest ingest) {
    IngestConnection connection = new IngestConnection(ingest.services, (code, reason) -> closes.add(code + " " + reason),
        DeadLetters.WEBSOCKET);
    connection.answers().subscribe(answers::add);
    return connection;
  }

  @Test
  void inflightBound_stopsReadingUntilDurableEventsFreeRoom() {
    TestIngest ingest = new TestIngest(IngestProperties.defaults().withMaxInflightEvents(3000), false);
    IngestConnection connection = connect(ingest);
    AtomicInteger emitted = new AtomicInteger();
    AtomicLong requested = new AtomicLong();
    Flux<InboundMessage> inbound = Flux.concat(Flux.just(message(hello("s1", "a1"))),
            Flux.range(0, 10).map(i -> message(pointerFrame(1 + i * 1000L, 1000))), Flux.never())
        .doOnRequest(requested::addAndGet)
        .doOnNext(m -> emitted.incrementAndGet());

    connection.run(inbound).subscribe();

    // hello + three frames sent (3000 events = the bound, one record each) + the fourth read and waiting for room
    assertThat(ingest.events.history()).hasSize(3);
    assertThat(ingest.sentEvents()).hasSize(3000);
    assertThat(emitted).hasValue(5);
    assertThat(requested.get()).as("nothing is requested beyond the message being handled").isEqualTo(5);
    assertThat(connection.window().inflight()).isEqualTo(3000);
    assertThat(connection.window().waiting()).isTrue();
    assertThat(ingest.metrics.inflight()).hasValue(3000);
    assertThat(answers).isEmpty();

    assertThat(answers).as("no ack before the frame is durable").isEmpty();
    ingest.events.completeNext();
    assertThat(answers).containsExactly("{\"ack\":1000}");
    assertThat(ingest.events.history()).as("room for the waiting frame").hasSize(4);
    assertThat(emitted).hasValue(6);
    assertThat(connection.window().inflight()).isEqualTo(3000);

    while (ingest.events.completeNext()) {
      assertThat(connection.window().inflight()).isLessThanOrEqualTo(3000);
    }
    assertThat(ingest.sentEvents()).hasSize(10_000);
    assertThat(ingest.sentEvents()).extracting(e -> e.getSeq()).doesNotHaveDuplicates();
    assertThat(answers).last().isEqualTo("{\"ack\":10000}");
    assertThat(answers).isSortedAccordingTo((a, b) -> Long.compare(ackOf(a), ackOf(b)));
    assertThat(connection.window().inflight()).isZero();
    assertThat(ingest.metrics.inflight()).hasValue(0);
    assertThat(ingest.registry.get("byproduct.ingest.accepted").counter().count()).isEqualTo(10_000);
    assertThat(ingest.registry.get("byproduct.ingest.ack.latency").timer().count()).isEqualTo(10);
  }

  @Test
  void badFrames_getErrorsAndDeadLetters_whileGoodFramesAroundThemAreWrittenAndAcked() {
    TestIngest ingest = new TestIngest(IngestProperties.defaults(), true);
    IngestConnection connection = connect(ingest);

    connection.run(Flux.just(
        message(hello("s1", "a1")),
        message(pointerFrame(1, 2)),
        message("{\"q\":3,\"p\":"),
        message("{\"q\":3,\"p\":1,\"t0\":" + TestIngest.NOW + ",\"e\":[[2,0,0,1,1],[42,0]]}"),
        message(pointerFrame(3, 2)))).block(Duration.ofSeconds(5));

    assertThat(answers).hasSize(4);
    assertThat(answers.get(0)).isEqualTo("{\"ack\":2}");
    assertThat(answers.get(1)).startsWith("{\"error\":{\"q\":null,\"code\":\"malformed-json\",\"message\":\"malformed JSON at line 1");
    assertThat(answers.get(2)).isEqualTo(
        "{\"error\":{\"q\":3,\"code\":\"unknown-kind\",\"message\":\"e[1][0]: unknown kind 42 (known: 0..10)\"}}");
    assertThat(answers.get(3)).isEqualTo("{\"ack\":4}");
    assertThat(ingest.events.history()).as("one record per accepted frame").hasSize(2);
    assertThat(ingest.sentEvents()).extracting(e -> e.getSeq()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(ingest.events.history()).extracting(r -> r.key()).containsOnly("a1");
    assertThat(ingest.sentEvents()).allSatisfy(e ->
      assertThat(e.getWorkerId()).isEqualTo(TestIngest.PSEUDONYMS.pseudonymise("A1RAWWORKER")));
    assertThat(ingest.deadLetters.history()).extracting(r -> r.value().getReason()).containsExactly("malformed-json", "unknown-kind");
    assertThat(ingest.deadLetters.history()).extracting(r -> r.key()).containsOnly("a1");
    assertThat(ingest.rejected("malformed-json")).isEqualTo(1);
    assertThat(ingest.rejected("unknown-kind")).isEqualTo(1);
    assertThat(closes).isEmpty();
  }

  @Test
  void failedSend_answersNotDurable_andClosesWith1011() {
    TestIngest ingest = new TestIngest(IngestProperties.defaults(), false);
    IngestConnection connection = connect(ingest);
    connection.run(Flux.concat(Flux.just(message(hello("s1", "a1")), message(pointerFrame(1, 2))), Flux.never())).subscribe();

    ingest.events.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));

    assertThat(answers).containsExactly("{\"error\":{\"q\":1,\"code\":\"not-durable\",\"message\":"
        + "\"events 1..2 could not be written to Kafka (TimeoutException); resend them\"}}");
    assertThat(closes).containsExactly("1011 events not durable; resend what is not acked");
    assertThat(connection.window().inflight()).isZero();
  }

  @Test
  void clientFasterThanTheRateForLong_isClosedWith4429() {
    IngestProperties properties = TestIngest.limits(256 * 1024, 2000, 1, 5);
    TestIngest ingest = new TestIngest(properties, true);
    IngestConnection connection = connect(ingest);

    connection.run(Flux.range(0, 20).map(i -> message(i == 0 ? hello("s1", "a1") : pointerFrame(i, 1))))
        .block(Duration.ofSeconds(5));

    assertThat(closes).containsExactly("4429 frame rate above 1/s for too long");
    assertThat(ingest.sentEvents()).as("messages after the close are not processed").hasSize(4);
  }

  private static long ackOf(String answer) {
    return Long.parseLong(answer.replaceAll("\\D", ""));
  }
}
