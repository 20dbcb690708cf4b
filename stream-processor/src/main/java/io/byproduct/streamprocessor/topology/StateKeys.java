package io.byproduct.streamprocessor.topology;

/** The keys of the fold's stores: all of an annotation's state starts with its id (its partition's key). */
final class StateKeys {

  private StateKeys() {}

  /** A page of an annotation: the annotation id and the zero-padded page number ({@code %04d}). */
  static String pageKey(String annotationId, int pageNo) {
    if (pageNo < 0 || pageNo > 9999) {
      return annotationId + "|" + String.format("%04d", pageNo);
    }
    String digits = Integer.toString(pageNo);  // as %04d, without a Formatter per event
    return annotationId + "|" + "0000".substring(digits.length()) + digits;
  }

  /** An image of a page. */
  static String imageKey(String pageKey, String imageId) {
    return pageKey + "|" + imageId;
  }

  /** A browser session of an annotation (its seen sequence numbers). */
  static String sessionKey(String annotationId, String sessionId) {
    return annotationId + "|" + sessionId;
  }
}
