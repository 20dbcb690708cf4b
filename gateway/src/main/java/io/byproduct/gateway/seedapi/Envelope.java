package io.byproduct.gateway.seedapi;

import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;

/** Who the events of a REST write belong to: the fields of the stored HIT-level annotation. */
record Envelope(String annotationId, String hitDatasetName, String imageNetHitId, String workerId,
    String assignmentId, String hitId, InterfaceVersion version) {

  InteractionEvent.Builder event(String sessionId, long seq, int pageNo, long clientTime, long gatewayTime) {
    return InteractionEvent.newBuilder()
        .setEventId(sessionId + ":" + seq).setSessionId(sessionId).setSeq(seq)
        .setAnnotationId(annotationId).setHitDatasetName(hitDatasetName).setImageNetHitId(imageNetHitId)
        .setPageNo(pageNo).setWorkerId(workerId).setAssignmentId(assignmentId).setHitId(hitId)
        .setVersion(version).setClientTime(clientTime).setGatewayTime(gatewayTime);
  }
}
