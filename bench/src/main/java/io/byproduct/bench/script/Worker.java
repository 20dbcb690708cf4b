package io.byproduct.bench.script;

import io.byproduct.schemas.event.InterfaceVersion;

/**
 * Who a simulated browser session belongs to.
 *
 * @param annotationId the HIT-level annotation id (Kafka key)
 * @param sessionId the browser session
 * @param workerId the MTurk worker id as the browser knows it (raw; the gateway pseudonymises)
 */
public record Worker(String annotationId, String sessionId, String hitDatasetName, String imageNetHitId,
    String workerId, String assignmentId, String hitId, InterfaceVersion version) {}
