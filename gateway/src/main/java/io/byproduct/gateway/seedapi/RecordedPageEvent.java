package io.byproduct.gateway.seedapi;

import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageRecorded;

/**
 * The one interactions event a page PUT of the original front end becomes: {@code PageRecorded},
 * the page as sent (the stream processor stores its records as they are). Its session names the
 * page and its content hash, so the same version sent again is one event (de-duplicated by session
 * and sequence number, per annotation) and a different version is another event, never taken for a
 * resend. The session does not repeat the annotation id (the key of the de-duplication already has
 * it), so it stays far below the 256 characters of an id.
 */
final class RecordedPageEvent {

  private RecordedPageEvent() {}

  static String sessionOf(int pageNo, String contentHash) {
    return "rest:page:" + pageNo + ":" + contentHash;
  }

  static InteractionEvent of(Envelope envelope, SeedBodies.PageWrite page, long gatewayTime) {
    return envelope.event(sessionOf(page.pageNo(), page.contentHash()), 1, page.pageNo(),
            page.endedAt(), gatewayTime)
        .setPayload(new PageRecorded(page.pageId(), page.startedAt(), page.endedAt(), page.isDone(), page.contentHash(),
            page.images()))
        .build();
  }
}
