package io.byproduct.gateway.live;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The live streams ({@code byproduct.gateway.live.*}).
 *
 * @param token the bearer token researchers' clients present ({@code Authorization: Bearer ...} or
 *     {@code ?token=}); at least 16 characters, from the environment ({@code
 *     BYPRODUCT_GATEWAY_LIVE_TOKEN}), never in git. Unset: the live endpoints answer 503.
 * @param maxSubscribers live subscribers at once, gateway-wide (each has a Kafka consumer and a thread); more are
 *     answered 429
 * @param bufferMessages messages waiting for one subscriber at most (rounded up to a power of two)
 * @param bufferBytes bytes of JSON waiting for one subscriber at most
 * @param dropAfter a subscriber whose buffer stays full this long is dropped (its Kafka consumer does not poll
 *     meanwhile, so memory does not grow)
 * @param heartbeat a subscriber with nothing to receive gets a heartbeat this often (keeps proxies from closing)
 */
@Validated
@ConfigurationProperties("byproduct.gateway.live")
public record LiveProperties(
    @Size(min = 16, message = "must be at least 16 characters") String token,
    @DefaultValue("20") @Min(1) @Max(10_000) int maxSubscribers,
    @DefaultValue("1000") @Min(1) @Max(1_000_000) int bufferMessages,
    @NotNull @DefaultValue("8MB") DataSize bufferBytes,
    @NotNull @DefaultValue("10s") Duration dropAfter,
    @NotNull @DefaultValue("15s") Duration heartbeat) {

  boolean configured() {
    return token != null && !token.isBlank();
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "LiveProperties[token=" + (configured() ? "(hidden)" : "(not set)") + ", maxSubscribers=" + maxSubscribers
        + ", bufferMessages=" + bufferMessages + ", bufferBytes=" + bufferBytes + ", dropAfter=" + dropAfter
        + ", heartbeat=" + heartbeat + "]";
  }
}
