package io.byproduct.streamprocessor.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store with the values last read or written kept decoded, so that the fold does not
 * decode a page's and an image's growing state from bytes on every event (the record cache of
 * Kafka Streams keeps bytes). Writes go through to the store at once, so the store (and its
 * changelog, at commit) holds exactly what it held without this; only {@link #get} is spared the
 * decoding.
 *
 * <p>Sound only when the processor owning this is the store's only writer and puts back (or
 * deletes) every value it changes before it processes the next record; values are handed out by
 * reference. The processor makes a new one in {@code init} (which Kafka Streams calls again after a
 * task's state was wiped and restored).
 */
final class DecodedValues<V> {

  private static final Object ABSENT = new Object();

  private final KeyValueStore<String, V> store;
  private final Map<String, Object> recent;

  /** Keeps at most {@code capacity} values (least recently used leave first). */
  DecodedValues(KeyValueStore<String, V> store, int capacity) {
    this.store = store;
    this.recent = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
        return size() > capacity;
      }
    };
  }

  @SuppressWarnings("unchecked")
  V get(String key) {
    Object known = recent.get(key);
    if (known != null) {
      return known == ABSENT ? null : (V) known;
    }
    V stored = store.get(key);
    recent.put(key, stored == null ? ABSENT : stored);
    return stored;
  }

  void put(String key, V value) {
    store.put(key, value);
    recent.put(key, value);
  }

  void delete(String key) {
    store.delete(key);
    recent.put(key, ABSENT);
  }

  /** Deletes every entry whose value (decoded afresh from the store) matches. */
  void deleteIf(Predicate<V> expired) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, V> all = store.all()) {
      all.forEachRemaining(kv -> {
        if (expired.test(kv.value)) {
          keys.add(kv.key);
        }
      });
    }
    keys.forEach(this::delete);
  }

  /** Every entry, decoded afresh from the store. */
  KeyValueIterator<String, V> all() {
    return store.all();
  }
}
