package io.byproduct.gateway.ingest;

/**
 * WebSocket close codes the gateway uses on {@code /ingest/ws}, with the reason text sent along.
 * 1xxx are the standard codes; 44xx are the gateway's own (4000-4999 are for applications),
 * named after the HTTP status they resemble.
 */
final class CloseCodes {

  /** The gateway is shutting down; reconnect (to another replica) and resend what is not acked. */
  static final int GOING_AWAY = 1001;
  /** The client does not read the answers (too many pending); reconnect and resend. */
  static final int POLICY_VIOLATION = 1008;
  /**
   * A message above the WebSocket layer's limit (four times the frame limit). Netty sends it itself
   * for an uncompressed message; for a compressed one that inflates past the limit, the gateway does.
   */
  static final int MESSAGE_TOO_BIG = 1009;
  /** Events could not be made durable in Kafka; reconnect later and resend what is not acked. */
  static final int NOT_DURABLE = 1011;
  /** Nothing was received for the idle timeout; reconnect when there is something to send. */
  static final int IDLE = 4408;
  /** Frames came faster than the allowed rate for too long; back off, send bigger frames. */
  static final int TOO_FAST = 4429;

  private CloseCodes() {}
}
