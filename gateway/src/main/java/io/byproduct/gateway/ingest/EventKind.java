package io.byproduct.gateway.ingest;

/**
 * The kinds of event on the wire: the number that starts an event array, the {@code
 * InteractionEvent} payload it becomes, and the array's shape.
 */
enum EventKind {
  PAGE_OPENED("PageOpened", "[0,dt,classId,wnid|null,[synset...],pageCount]"),
  IMAGE_LAID_OUT("ImageLaidOut", "[1,dt,i,x,y,w,h,nw,nh]"),
  POINTER_SAMPLE("PointerSample", "[2,dt,i,x,y]"),
  HOVER_ENTERED("HoverChanged", "[3,dt,i]"),
  HOVER_LEFT("HoverChanged", "[4,dt,i]"),
  SELECTION_TOGGLED("SelectionToggled", "[5,dt,i,x,y,selected]"),
  VISIBILITY_CHANGED("VisibilityChanged", "[6,dt,visible]"),
  FOCUS_CHANGED("FocusChanged", "[7,dt,focused]"),
  PAGE_SUBMITTED("PageSubmitted", "[8,dt,pageId,startedAt,lastPage]"),
  HIT_STARTED("HitStarted", "[9,dt,startedAt,annotatorId]"),
  HIT_FINISHED("HitFinished", "[10,dt,pageCount]");

  private static final EventKind[] BY_CODE = values();

  private final String payload;
  private final String shape;
  private final int arity;

  EventKind(String payload, String shape) {
    this.payload = payload;
    this.shape = shape;
    this.arity = shape.split(",", -1).length;
  }

  /** The kind with this wire number, or {@code null}. */
  static EventKind ofCode(long code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : null;
  }

  static int highestCode() {
    return BY_CODE.length - 1;
  }

  int code() {
    return ordinal();
  }

  /** Name of the Avro payload record. */
  String payload() {
    return payload;
  }

  /** The array's shape as documented, e.g. {@code [2,dt,i,x,y]}. */
  String shape() {
    return shape;
  }

  /** Number of elements of the event array. */
  int arity() {
    return arity;
  }
}
