package io.byproduct.gateway.connections;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Connection bounds of the gateway ({@code byproduct.gateway.connections.*}).
 *
 * @param maxIngest open ingest WebSockets ({@code /ingest/ws}) at once, gateway-wide; more are
 *     refused before the upgrade with 503. Each holds up to ~300 KB of native memory with compression.
 * @param maxIngestPerAddress open ingest WebSockets from one client address (an IPv6 /64 counts as
 *     one); more are refused with 429. A browser needs one; people behind one NAT share the bound.
 * @param maxLivePerAddress open live WebSockets ({@code /live/ws}) from one client address (429
 *     above); the gateway-wide bound is {@code byproduct.gateway.live.max-subscribers}
 * @param trustedProxies addresses or CIDR blocks of reverse proxies whose {@code X-Forwarded-For}
 *     (its last entry) names the client; empty: the TCP peer is the client
 * @param requestHeadTimeout a connection must send a whole request line and headers within this
 *     long of opening (or of the previous response): closes trickled request lines and headers
 * @param bodyReadTimeout longest pause between two reads of a request body
 * @param bodyTimeout longest time to read a whole request body (a stalled or trickled body is closed)
 */
@Validated
@ConfigurationProperties("byproduct.gateway.connections")
public record ConnectionProperties(
    @DefaultValue("1000") @Min(1) int maxIngest,
    @DefaultValue("20") @Min(1) int maxIngestPerAddress,
    @DefaultValue("4") @Min(1) int maxLivePerAddress,
    @DefaultValue List<String> trustedProxies,
    @NotNull @DefaultValue("10s") Duration requestHeadTimeout,
    @NotNull @DefaultValue("10s") Duration bodyReadTimeout,
    @NotNull @DefaultValue("30s") Duration bodyTimeout) {}
