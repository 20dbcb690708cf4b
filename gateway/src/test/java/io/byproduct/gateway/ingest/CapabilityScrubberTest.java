package io.byproduct.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** A refused hello's capability never reaches the dead-letter topic, whole, cut off or escaped ({@link WorkerIdScrubber}). */
class CapabilityScrubberTest {

  @Test
  void aRefusedHellosCapability_isRemovedFromItsDeadLetter() {
    Topics topics = Topics.defaults();
    DeadLetters deadLetters = new DeadLetters(new MockProducer<>(true, null, topics.deadLetters.keySerde().serializer(),
        topics.deadLetters.valueSerde().serializer()), topics.deadLetters.name(), new WorkerIdScrubber(TestIngest.PSEUDONYMS),
        Clock.systemUTC(), Schedulers.immediate());
    String hello = TestIngest.hello("s", "a").replace("\"v\":1", "\"v\":2");
    String k = TestIngest.capability("a", "demo", "hit-1", "A1RAWWORKER", "asg-1", "mturk-hit-1");
    assertThat(hello).contains(k);

    DeadLetter letter = deadLetters.letter(DeadLetters.WEBSOCKET, Rejection.invalid("hello: v"),
        hello.getBytes(StandardCharsets.UTF_8), hello.length());

    assertThat(letter.getPayloadText()).doesNotContain(k).contains("\"k\":\"(removed)\"");
  }

  @Test
  void aCapabilityUnderAnEscapedKey_isRemovedToo() {
    WorkerIdScrubber scrubber = new WorkerIdScrubber(TestIngest.PSEUDONYMS);
    WorkerIdScrubber.Scrubbed scrubbed = scrubber.scrub("{\"hello\":{\"v\":2,\"\\u006b\":\"SECRETCAPABILITY\",\"s\":\"x\"}}");
    assertThat(scrubbed.text()).doesNotContain("SECRET").contains("\"k\":\"(removed)\"");
  }

  @Test
  void textThatIsNotJson_butMayCarryACapability_isWithheld() {
    WorkerIdScrubber scrubber = new WorkerIdScrubber(TestIngest.PSEUDONYMS);
    for (String text : new String[] {"{\"k\" : \"SECRETCAPABILITY\", \"s\":", "{k:SECRETCAPABILITY,", "{'k':'SECRETCAPA"}) {
      assertThat(scrubber.scrub(text).text()).as(text).isNull();
    }
    assertThat(scrubber.scrub("{\"q\":1,\"e\":[]").text()).isEqualTo("{\"q\":1,\"e\":[]");
  }
}
