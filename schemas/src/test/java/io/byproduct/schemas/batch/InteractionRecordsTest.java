package io.byproduct.schemas.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.schemas.event.InteractionEvent;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InteractionRecordsTest {

  @Test
  void events_readsBothFormatsOfTheTopic() {
    List<InteractionEvent> frame = BatchesTest.frame();
    byte[] batch = InteractionRecords.batches().encode(Batches.pack(frame));
    byte[] single = InteractionRecords.events().encode(frame.get(0));

    assertThat(InteractionRecords.isBatch(batch)).isTrue();
    assertThat(InteractionRecords.isBatch(single)).isFalse();
    assertThat(InteractionRecords.events(batch)).isEqualTo(frame);
    assertThat(InteractionRecords.events(single)).containsExactly(frame.get(0));
    assertThat(InteractionRecords.decode(single)).isInstanceOf(InteractionEvent.class);
  }

  @Test
  void events_neitherFormat_isASerializationError() {
    assertThatThrownBy(() -> InteractionRecords.events(new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class);
    byte[] truncated = java.util.Arrays.copyOf(InteractionRecords.batches().encode(Batches.pack(BatchesTest.frame())), 14);
    assertThatThrownBy(() -> InteractionRecords.events(truncated)).isInstanceOf(SerializationException.class);
  }
}
