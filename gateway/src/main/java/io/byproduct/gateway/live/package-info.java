/**
 * Live streams for researchers: {@code GET /live/stream} (Server-Sent Events) and {@code /live/ws}
 * (WebSocket) stream the live interaction events, per-image updates and finished pages, filtered
 * server-side by dataset, HIT, class or annotation. Worker ids in them are the gateway's
 * pseudonyms, as everywhere in Kafka.
 *
 * <p>Every subscriber has its own Kafka consumer (all partitions assigned, no consumer group,
 * {@code read_committed}) on its own thread, and a bounded buffer: a subscriber that does not read
 * is dropped with a final {@code dropped} notice instead of growing the gateway's memory. The
 * endpoints need the token {@code byproduct.gateway.live.token}; without one they answer 503.
 *
 * <p>Reading order: {@link io.byproduct.gateway.live.LiveController} and {@link
 * io.byproduct.gateway.live.LiveWebSocketHandler} (the endpoints), {@link
 * io.byproduct.gateway.live.LiveAccess} (the token, checked by the handlers and {@link
 * io.byproduct.gateway.live.LiveUpgrade} before a WebSocket upgrade), {@link
 * io.byproduct.gateway.live.LiveSubscription} (one subscriber: {@link io.byproduct.gateway.live.LivePositions} where it starts,
 * {@link io.byproduct.gateway.live.LiveRecords} what it keeps, {@link io.byproduct.gateway.live.LiveBuffer} the bounded hand-off), {@link
 * io.byproduct.gateway.live.LiveFilter} and {@link io.byproduct.schemas.json.RecordJson} (what is sent).
 */
package io.byproduct.gateway.live;
