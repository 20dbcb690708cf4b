package io.byproduct.gateway.ingest;

import java.util.List;

/**
 * What one connection (or one HTTP batch) has established so far: its hello and its image table.
 * Changed only by accepted messages. Confined to one thread at a time.
 */
final class IngestSession {

  private SessionContext context;
  private List<String> images;

  SessionContext context() {
    return context;
  }

  boolean hasHello() {
    return context != null;
  }

  /** The annotation id once the hello is in, else {@code null}. */
  String annotationId() {
    return context == null ? null : context.annotationId();
  }

  List<String> images() {
    return images;
  }

  void hello(SessionContext accepted) {
    this.context = accepted;
  }

  void accepted(DecodedFrame frame) {
    if (frame.imageTable() != null) {
      images = frame.imageTable();
    }
  }
}
