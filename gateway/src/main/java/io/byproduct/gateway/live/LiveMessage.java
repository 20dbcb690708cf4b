package io.byproduct.gateway.live;

/**
 * One message to a subscriber.
 *
 * @param type {@code subscribed}, {@code event}, {@code image}, {@code page}, {@code heartbeat},
 *     {@code dropped} or {@code error}
 * @param id the record's position {@code topic:partition:offset} (an event unfolded from a batch:
 *     {@code topic:partition:offset.k}, k its index in the batch), or null
 * @param timestamp the record's Kafka timestamp (epoch ms), or 0
 * @param data the JSON document
 */
record LiveMessage(String type, String id, long timestamp, String data) {

  /** Bytes it holds, roughly (UTF-16 text). */
  long size() {
    return 64L + 2L * data.length() + (id == null ? 0 : 2L * id.length());
  }
}
