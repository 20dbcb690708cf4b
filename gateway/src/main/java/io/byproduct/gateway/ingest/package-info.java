/**
 * The gateway's event ingest: browsers stream interaction events as compact JSON frames over a
 * WebSocket ({@code /ingest/ws}) or, as a fallback, in HTTP batches ({@code POST /ingest/frames},
 * {@code POST /ingest/beacon}). Every frame is checked whole, expanded into Avro {@code
 * InteractionEvent}s with pseudonymised worker ids and written to the {@code interactions} topic
 * by one idempotent producer; an ack is sent only once the events are durable. Refused messages
 * get an error answer, a counter and a dead letter. The wire format is documented in {@code
 * docs/wire-format.md}.
 *
 * <p>Reading order: {@link io.byproduct.gateway.ingest.IngestWebSocketHandler} and {@link
 * io.byproduct.gateway.ingest.IngestHttpController} (the endpoints), {@link
 * io.byproduct.gateway.ingest.IngestConnection} (one connection: backpressure, acks, closing),
 * {@link io.byproduct.gateway.ingest.MessageDecoder}, {@link
 * io.byproduct.gateway.ingest.FrameDecoder} and {@link io.byproduct.gateway.ingest.PayloadDecoder}
 * (the wire format and its rules).
 */
package io.byproduct.gateway.ingest;
