package io.byproduct.analytics.export.table;

import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The hovers of one image on one page, from its {@code hoveredRecord}: hover {@code n} starts at
 * the n-th enter and ends at the next leave; one left open ends at the next enter or, the last, at
 * the page's end (its {@code left_at_ms} is then null).
 */
public final class Hovers {

  /** One hover: 1-based number, enter time, leave time (null if none was recorded), end used for durations. */
  public record Hover(int number, long enteredAt, Long leftAt, long endedAt) {
    public long duration() {
      return Math.max(0, endedAt - enteredAt);
    }
  }

  private final List<Hover> hovers;

  private Hovers(List<Hover> hovers) {
    this.hovers = hovers;
  }

  public static Hovers of(List<HoverAction> actions, long pageEndedAt) {
    List<Hover> hovers = new ArrayList<>();
    Long open = null;
    for (HoverAction action : actions) {
      long time = action.getTime();
      if (action.getAction() == HoverActionKind.enter) {
        if (open != null) {
          hovers.add(new Hover(hovers.size() + 1, open, null, time));
        }
        open = time;
      } else if (open != null) {
        hovers.add(new Hover(hovers.size() + 1, open, time, time));
        open = null;
      }
    }
    if (open != null) {
      hovers.add(new Hover(hovers.size() + 1, open, null, Math.max(open, pageEndedAt)));
    }
    return new Hovers(hovers);
  }

  public List<Hover> all() {
    return hovers;
  }

  /** The number of the hover a point or click at {@code time} belongs to: the last one entered at or before it; null if none. */
  public Integer numberAt(long time) {
    Integer number = null;
    for (Hover h : hovers) {
      if (h.enteredAt() <= time) {
        number = h.number();
      } else {
        break;
      }
    }
    return number;
  }
}
