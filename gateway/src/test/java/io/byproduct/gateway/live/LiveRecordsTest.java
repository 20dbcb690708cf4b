package io.byproduct.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.batch.Pointer;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class LiveRecordsTest {

  private static final Topics TOPICS = Topics.defaults();
  private final LiveRecords records = new LiveRecords(
      new LiveFilter(Set.of(LiveFilter.Stream.EVENTS), null, null, null, "ann", LiveFilter.From.LATEST), TOPICS, null);

  private static List<InteractionEvent> samples(String annotation, int count) {
    List<InteractionEvent> events = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      events.add(new InteractionEvent("s:" + k, "s", (long) k, annotation, "ds", "h", 1, "W", null, null,
          InterfaceVersion.POINTER_ORIGINAL, 1000L + k, 2000L, new PointerSample("n01/a", k / 10.0, 0.5)));
    }
    return events;
  }

  private static ConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
    return new ConsumerRecord<>(TOPICS.interactions.name(), 2, offset, key, value);
  }

  @Test
  void toMessages_aBatch_isUnfoldedIntoOneMessagePerEvent_andABadEntryIsLeftOut() {
    InteractionBatch batch = Batches.pack(samples("ann", 3));
    ((Pointer) batch.getEntries().get(1).getPayload()).setImage(9);

    List<LiveMessage> messages = records.toMessages(record(41, "ann", InteractionRecords.batches().encode(batch)));

    assertThat(messages).extracting(LiveMessage::id).containsExactly("interactions:2:41.0", "interactions:2:41.2");
    assertThat(messages).extracting(LiveMessage::type).containsOnly("event");
    assertThat(messages.get(1).data()).contains("\"seq\":3").contains("\"x\":0.3");
  }

  @Test
  void toMessages_aSingleEventOfTheOlderFormat_isOneMessage_andOtherAnnotationsAreFilteredOut() {
    byte[] ours = InteractionRecords.events().encode(samples("ann", 1).get(0));
    byte[] theirs = InteractionRecords.batches().encode(Batches.pack(samples("other", 2)));

    assertThat(records.toMessages(record(7, "ann", ours))).extracting(LiveMessage::id).containsExactly("interactions:2:7");
    assertThat(records.toMessages(record(8, "other", theirs))).isEmpty();
    assertThat(records.toMessages(record(9, "ann", new byte[] {1, 2}))).isEmpty();
  }
}
