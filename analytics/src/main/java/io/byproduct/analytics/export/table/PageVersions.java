package io.byproduct.analytics.export.table;

import io.byproduct.schemas.event.InteractionEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Replaced pages in a stream of events: a page ({@code annotation_id, page_no}) shown in more than
 * one page load (session), e.g. after a reload. The page load met last (by its first event, in
 * topic order: all events of an annotation are on one partition) is the page's current version;
 * the events of every earlier one are flagged {@code page_replaced}. Built in a first pass over the
 * events, read in the second.
 */
public final class PageVersions {

  private final Map<String, Set<String>> sessions = new HashMap<>();
  private final Map<String, String> latest = new HashMap<>();

  private static String pageKey(InteractionEvent e) {
    return e.getAnnotationId() + '\u0000' + e.getPageNo();
  }

  public void observe(InteractionEvent e) {
    String page = pageKey(e);
    if (sessions.computeIfAbsent(page, p -> new HashSet<>()).add(e.getSessionId())) {
      latest.put(page, e.getSessionId());
    }
  }

  /** Whether the event belongs to a page load that a later page load of the same page replaced. */
  public boolean replaced(InteractionEvent e) {
    String current = latest.get(pageKey(e));
    return current != null && !current.equals(e.getSessionId());
  }
}
