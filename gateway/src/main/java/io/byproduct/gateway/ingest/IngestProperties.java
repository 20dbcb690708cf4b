package io.byproduct.gateway.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and settings of the event ingest ({@code byproduct.gateway.ingest.*}).
 *
 * @param maxFrameSize largest accepted WebSocket message (hello or frame); larger ones are
 *     rejected with {@code oversized-frame}. Messages above four times this size are refused by the
 *     WebSocket layer itself (close 1009).
 * @param maxEventsPerFrame most events in one frame ({@code too-many-events} above)
 * @param maxBatchSize largest HTTP body of {@code POST /ingest/frames} and {@code /ingest/beacon}
 * @param maxClockSkew how far a frame's base time {@code t0} may be from the gateway's clock
 * @param maxEventOffset largest {@code dt} of an event (its time after the frame's {@code t0})
 * @param maxInflightEvents per WebSocket connection: events sent to Kafka and not yet acked;
 *     at the bound the gateway stops reading from that socket until acks free room
 * @param maxFramesPerSecond sustained frame rate allowed per connection
 * @param frameBurst frames a connection may send above the sustained rate before it is closed
 *     (token bucket of this size, refilled at {@code maxFramesPerSecond})
 * @param idleTimeout a connection that sends nothing for this long (and has nothing in flight) is
 *     closed
 * @param websocketCompression offer permessage-deflate (RFC 7692) on {@code /ingest/ws}; browsers
 *     use it by themselves and it cuts the bytes per pointer sample by about two thirds, at the
 *     price of a zlib context per connection (~300 KB native memory)
 * @param producer extra Kafka producer properties for the ingest's producers (e.g. {@code
 *     linger.ms}); they override the gateway's defaults but not {@code acks} and idempotence
 * @param helloTimeout a WebSocket that has not had a hello accepted this long after opening is
 *     closed (4408)
 * @param maxRejections refused messages one WebSocket may send; the next one closes it (1008).
 *     Refused messages are not activity: they do not hold a connection open past the idle timeout
 */
@Validated
@ConfigurationProperties("byproduct.gateway.ingest")
record IngestProperties(
    @NotNull @DefaultValue("256KB") DataSize maxFrameSize,
    @DefaultValue("2000") @Min(1) @Max(100_000) int maxEventsPerFrame,
    @NotNull @DefaultValue("1MB") DataSize maxBatchSize,
    @NotNull @DefaultValue("1d") Duration maxClockSkew,
    @NotNull @DefaultValue("10m") Duration maxEventOffset,
    @DefaultValue("5000") @Min(1) int maxInflightEvents,
    @DefaultValue("20") @Min(1) int maxFramesPerSecond,
    @DefaultValue("200") @Min(1) int frameBurst,
    @NotNull @DefaultValue("2m") Duration idleTimeout,
    @DefaultValue("true") boolean websocketCompression,
    @DefaultValue Map<String, String> producer,
    @NotNull @DefaultValue("10s") Duration helloTimeout,
    @DefaultValue("20") @Min(1) int maxRejections) {

  /** Bytes of a dead letter's payload at most (the rest is cut, {@code payloadTruncated}). */
  static final int DEAD_LETTER_PAYLOAD_LIMIT = io.byproduct.schemas.deadletter.DeadLetters.MAX_PAYLOAD_BYTES;

  /** Defaults, for tests. */
  static IngestProperties defaults() {
    return new IngestProperties(DataSize.ofKilobytes(256), 2000, DataSize.ofMegabytes(1), Duration.ofDays(1),
        Duration.ofMinutes(10), 5000, 20, 200, Duration.ofMinutes(2), true, Map.of(), Duration.ofSeconds(10), 20);
  }

  int maxFrameBytes() {
    return (int) Math.min(Integer.MAX_VALUE / 4, maxFrameSize.toBytes());
  }

  int maxBatchBytes() {
    return (int) Math.min(Integer.MAX_VALUE, maxBatchSize.toBytes());
  }

  /** What the WebSocket layer accepts at all: bigger messages close the connection (1009). */
  int webSocketMessageLimit() {
    return Math.max(maxFrameBytes() * 4, DEAD_LETTER_PAYLOAD_LIMIT);
  }

  IngestProperties withMaxInflightEvents(int events) {
    return new IngestProperties(maxFrameSize, maxEventsPerFrame, maxBatchSize, maxClockSkew, maxEventOffset, events,
        maxFramesPerSecond, frameBurst, idleTimeout, websocketCompression, producer, helloTimeout, maxRejections);
  }
}
