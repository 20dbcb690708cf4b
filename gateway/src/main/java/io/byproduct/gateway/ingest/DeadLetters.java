package io.byproduct.gateway.ingest;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.deadletter.DeadLetterPayload;
import io.byproduct.schemas.deadletter.DeadLetterScrubber;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/**
 * Writes refused messages to the dead-letter topic: source, reason code, the message naming the
 * problem, the payload once (at most 64 KiB, raw worker ids replaced by pseudonyms or the payload
 * withheld, see {@link WorkerIdScrubber}), keyed by the
 * annotation id if known. Fire and forget: the sender's error answer does not wait for it; a
 * failed write is logged.
 */
final class DeadLetters {

  static final String WEBSOCKET = "gateway.websocket";
  static final String HTTP = "gateway.http";

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final Producer<String, DeadLetter> producer;
  private final String topic;
  private final WorkerIdScrubber scrubber;
  private final Clock clock;
  private final Scheduler sender;

  DeadLetters(Producer<String, DeadLetter> producer, String topic, WorkerIdScrubber scrubber, Clock clock, Scheduler sender) {
    this.producer = producer;
    this.topic = topic;
    this.scrubber = scrubber;
    this.clock = clock;
    this.sender = sender;
  }

  /**
   * @param payload the refused bytes as kept (maybe already cut)
   * @param fullSize the size of the refused message as received
   */
  void write(String source, Rejection rejection, byte[] payload, int fullSize) {
    DeadLetter letter = letter(source, rejection, payload, fullSize);
    ProducerRecord<String, DeadLetter> record = new ProducerRecord<>(topic, rejection.key(), letter);
    sender.schedule(() -> {
      try {
        producer.send(record, (metadata, error) -> {
          if (error != null) {
            log.warn("Could not write a dead letter ({} from {}): {}", letter.getReason(), source, error.toString());
          }
        });
      } catch (RuntimeException e) {
        log.warn("Could not write a dead letter ({} from {}): {}", letter.getReason(), source, e.toString());
      }
    });
  }

  /**
   * Built with the shared contract ({@link io.byproduct.schemas.deadletter.DeadLetters}: payload once,
   * cut at 64 KiB); the gateway's own step before it is {@link #scrubbed}: the payload is stored as
   * {@code payloadText} when it is UTF-8 text (the gateway's wire is JSON), else as {@code payload}
   * bytes; neither when the scrubber withheld it (the detail says so).
   */
  DeadLetter letter(String source, Rejection rejection, byte[] payload, int fullSize) {
    return io.byproduct.schemas.deadletter.DeadLetters.letter(source, rejection.reason().deadLetterReason(),
            rejection.getMessage())
        .key(rejection.key())
        .payload(DeadLetterPayload.bytes(payload, fullSize))
        .scrubbedBy(this::scrubbed)
        .build(clock.millis());
  }

  /** Raw worker ids → pseudonyms, capabilities removed, unparsable hellos withheld ({@link WorkerIdScrubber}). */
  private DeadLetterScrubber.Scrubbed scrubbed(DeadLetterPayload capped) {
    byte[] kept = capped.bytes();
    if (kept == null) {
      return new DeadLetterScrubber.Scrubbed(capped, null);
    }
    String text = Utf8.decode(kept);
    String readable = text == null ? new String(kept, StandardCharsets.UTF_8) : text;
    WorkerIdScrubber.Scrubbed scrubbed = scrubber.scrub(readable);
    // bytes that are not UTF-8 are kept as they came only when the scrubber found nothing in them
    boolean keptAsBytes = text == null && readable.equals(scrubbed.text());
    DeadLetterPayload stored = keptAsBytes ? capped
        : scrubbed.text() != null ? DeadLetterPayload.text(scrubbed.text(), capped.truncated())
        : DeadLetterPayload.withheld(capped.truncated());
    return new DeadLetterScrubber.Scrubbed(stored, scrubbed.note());
  }
}
