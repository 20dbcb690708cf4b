package io.byproduct.hittool.hits;

import java.util.List;

/**
 * What {@link HitBuilder} made.
 *
 * @param hits the HITs, in id order
 * @param notes things a requester should know (a short last HIT, classes without candidates)
 * @param candidates candidate images placed on pages
 * @param pages pages in all HITs
 */
public record BuiltHits(List<BuiltHit> hits, List<String> notes, int candidates, int pages) {

  public BuiltHits {
    hits = List.copyOf(hits);
    notes = List.copyOf(notes);
  }

  public List<String> ids() {
    return hits.stream().map(BuiltHit::id).toList();
  }
}
