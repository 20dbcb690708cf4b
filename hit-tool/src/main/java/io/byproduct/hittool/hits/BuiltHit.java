package io.byproduct.hittool.hits;

import java.util.List;

/**
 * A HIT as the builder made it; {@link HitJson} writes it as the seed's ImageNetHIT JSON with the
 * requester's review section.
 */
public record BuiltHit(String dataset, String id, boolean unique, List<HitPage> pages) {

  public BuiltHit {
    pages = List.copyOf(pages);
  }
}
