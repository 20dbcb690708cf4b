package io.byproduct.gateway.ingest;

import io.byproduct.schemas.event.InterfaceVersion;

/**
 * What a hello says about the session, once per connection: copied into every event. The worker
 * id is already the pseudonym; the raw MTurk id is never kept.
 */
record SessionContext(
    String sessionId,
    String annotationId,
    String hitDatasetName,
    String imageNetHitId,
    String workerPseudonym,
    String assignmentId,
    String hitId,
    InterfaceVersion version) {}
