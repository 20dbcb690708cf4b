package io.byproduct.streamprocessor.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store with the values last read or written kept decoded, and written back once per
 * batch: the fold neither decodes a page's and an image's growing state from bytes on every event
 * (the record cache of Kafka Streams keeps bytes) nor encodes it after every event of a batch. A
 * {@link #put} or {@link #delete} reaches the store at the next {@link #flush} (or when the value
 * leaves this cache); the processor flushes before it returns from {@code process} or a
 * punctuation, so the store (and its changelog, at commit) holds exactly what a write-through
 * store would hold at those points, only written once per key.
 *
 * <p>Sound only when the processor owning this is the store's only writer and flushes before it
 * returns to Kafka Streams; values are handed out by reference. The processor makes a new one in
 * {@code init} (which Kafka Streams calls again after a task's state was wiped and restored).
 */
final class DecodedValues<V> {

  private static final Object ABSENT = new Object();

  private final KeyValueStore<String, V> store;
  private final Map<String, Object> recent;
  private final Set<String> dirty = new LinkedHashSet<>();

  /** Keeps at most {@code capacity} values (least recently used leave first, written back if changed). */
  DecodedValues(KeyValueStore<String, V> store, int capacity) {
    this.store = store;
    this.recent = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
        if (size() <= capacity) {
          return false;
        }
        if (dirty.remove(eldest.getKey())) {
          write(eldest.getKey(), eldest.getValue());
        }
        return true;
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
    dirty.add(key);
    recent.put(key, value);
  }

  void delete(String key) {
    dirty.add(key);
    recent.put(key, ABSENT);
  }

  /** Writes every value put or deleted since the last flush to the store, once each. */
  void flush() {
    for (String key : dirty) {
      write(key, recent.get(key));
    }
    dirty.clear();
  }

  @SuppressWarnings("unchecked")
  private void write(String key, Object value) {
    if (value == ABSENT) {
      store.delete(key);
    } else {
      store.put(key, (V) value);
    }
  }

  /** Deletes every entry whose value (decoded afresh from the store) matches. */
  void deleteIf(Predicate<V> expired) {
    flush();
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, V> all = store.all()) {
      all.forEachRemaining(kv -> {
        if (expired.test(kv.value)) {
          keys.add(kv.key);
        }
      });
    }
    keys.forEach(this::delete);
    flush();
  }

  /** Every entry, decoded afresh from the store (after a flush). */
  KeyValueIterator<String, V> all() {
    flush();
    return store.all();
  }
}
