package io.byproduct.streamprocessor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.state.SeenEvents;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecodedValuesTest {

  private KeyValueStore<String, SeenEvents> store;

  @BeforeEach
  void store() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("seen"), Serdes.String(),
        AvroSerde.of(SeenEvents.class)).withLoggingDisabled().build();
    MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
  }

  private static SeenEvents seen(long... ranges) {
    List<Long> list = new ArrayList<>();
    for (long r : ranges) {
      list.add(r);
    }
    return new SeenEvents(list, 7L);
  }

  @Test
  void writesReachTheStoreAtFlush_andReadsReturnTheWrittenValueItself() {
    DecodedValues<SeenEvents> values = new DecodedValues<>(store, 10);
    SeenEvents written = seen(1, 5);
    values.put("a", written);
    written.getRanges().set(1, 9L);  // changed again before the flush: one write, with the latest value

    assertThat(store.get("a")).isNull();
    assertThat(values.get("a")).isSameAs(written);
    values.flush();
    assertThat(store.get("a")).isEqualTo(seen(1, 9)).isNotSameAs(written);
  }

  @Test
  void aChangedValueLeavingTheCache_isWrittenBackBeforeItLeaves() {
    DecodedValues<SeenEvents> values = new DecodedValues<>(store, 1);
    values.put("a", seen(1, 1));
    values.put("b", seen(2, 2));  // evicts a, not yet flushed

    assertThat(store.get("a")).isEqualTo(seen(1, 1));
    assertThat(values.get("a")).isEqualTo(seen(1, 1));
  }

  @Test
  void readsDecodeFromTheStoreOnce_andDeletesAndMissesReadAsAbsent() {
    store.put("b", seen(2, 3));
    DecodedValues<SeenEvents> values = new DecodedValues<>(store, 10);
    SeenEvents first = values.get("b");
    assertThat(first).isEqualTo(seen(2, 3));
    assertThat(values.get("b")).isSameAs(first);

    values.delete("b");
    assertThat(values.get("b")).isNull();
    assertThat(store.get("b")).isNotNull();
    values.flush();
    assertThat(store.get("b")).isNull();
    assertThat(values.get("never")).isNull();
  }

  @Test
  void beyondItsCapacity_theLeastRecentlyUsedValuesAreReadFromTheStoreAgain() {
    DecodedValues<SeenEvents> values = new DecodedValues<>(store, 2);
    SeenEvents a = seen(1, 1);
    values.put("a", a);
    values.put("b", seen(2, 2));
    values.get("a");
    values.put("c", seen(3, 3));  // evicts b, the least recently used

    assertThat(values.get("a")).isSameAs(a);
    SeenEvents b = values.get("b");
    assertThat(b).isEqualTo(seen(2, 2));
    assertThat(values.all()).toIterable().hasSize(3);
  }
}
