package io.byproduct.schemas.deadletter;

/**
 * The one way every service builds a {@link DeadLetter}: a {@link DeadLetterReason}, a detail of
 * at most {@link #MAX_DETAIL_CHARS}, the payload stored once and cut to {@link #MAX_PAYLOAD_BYTES}
 * ({@link DeadLetterPayload}), passed through the service's {@link DeadLetterScrubber} if it has
 * one, the source key and the origin topic, partition and offset. A letter built here is always
 * far below a topic's record limit, so writing it cannot fail for its size.
 *
 * <pre>{@code
 * DeadLetters.letter("page-assembler", DeadLetterReason.UNDECODABLE, e.getMessage())
 *     .key(record.key()).payload(DeadLetterPayload.bytes(record.value()))
 *     .origin(record.topic(), record.partition(), record.offset()).build(now);
 * }</pre>
 */
public final class DeadLetters {

  /** The most of a refused record any dead letter keeps. */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  /** The longest detail kept (an exception's message can quote a whole record). */
  public static final int MAX_DETAIL_CHARS = 4096;

  private final String source;
  private final DeadLetterReason reason;
  private final String detail;
  private String key;
  private DeadLetterPayload payload = DeadLetterPayload.none();
  private DeadLetterScrubber scrubber = DeadLetterScrubber.NONE;
  private String originTopic;
  private Integer originPartition;
  private Long originOffset;

  private DeadLetters(String source, DeadLetterReason reason, String detail) {
    this.source = source;
    this.reason = reason;
    this.detail = detail == null ? "" : detail;
  }

  /**
   * @param source the refusing component, e.g. {@code gateway.websocket}, {@code stream-processor}, {@code page-assembler}
   * @param detail names what is wrong (null: empty)
   */
  public static DeadLetters letter(String source, DeadLetterReason reason, String detail) {
    if (source == null || reason == null) {
      throw new IllegalArgumentException("a dead letter needs a source and a reason");
    }
    return new DeadLetters(source, reason, detail);
  }

  /** The source record's key (maybe null). */
  public DeadLetters key(String key) {
    this.key = key;
    return this;
  }

  public DeadLetters payload(DeadLetterPayload payload) {
    this.payload = payload == null ? DeadLetterPayload.none() : payload;
    return this;
  }

  public DeadLetters scrubbedBy(DeadLetterScrubber scrubber) {
    this.scrubber = scrubber;
    return this;
  }

  /** Where the refused record was read from (any may be null). */
  public DeadLetters origin(String topic, Integer partition, Long offset) {
    this.originTopic = topic;
    this.originPartition = partition;
    this.originOffset = offset;
    return this;
  }

  /** @param occurredAt when it was refused, epoch ms */
  public DeadLetter build(long occurredAt) {
    DeadLetterScrubber.Scrubbed scrubbed = scrubber.scrub(payload);
    DeadLetterPayload kept = recap(scrubbed.payload() == null ? DeadLetterPayload.withheld(payload.truncated())
        : scrubbed.payload());
    String fullDetail = scrubbed.note() == null ? detail : detail + "; " + scrubbed.note();
    return DeadLetter.newBuilder()
        .setSource(source)
        .setReason(reason.code())
        .setDetail(cut(fullDetail))
        .setPayload(kept.byteBuffer())
        .setPayloadText(kept.text())
        .setPayloadTruncated(kept.truncated())
        .setKey(key)
        .setOriginTopic(originTopic)
        .setOriginPartition(originPartition)
        .setOriginOffset(originOffset)
        .setOccurredAt(occurredAt)
        .build();
  }

  private static DeadLetterPayload recap(DeadLetterPayload scrubbed) {
    if (scrubbed.text() != null) {
      return DeadLetterPayload.text(scrubbed.text(), scrubbed.truncated());
    }
    byte[] bytes = scrubbed.bytes();
    return bytes == null ? scrubbed
        : DeadLetterPayload.bytes(bytes, scrubbed.truncated() ? Integer.MAX_VALUE : bytes.length);
  }

  private static String cut(String detail) {
    return detail.length() <= MAX_DETAIL_CHARS ? detail
        : detail.substring(0, MAX_DETAIL_CHARS - 1) + "…";
  }
}
