package io.byproduct.schemas.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The image ids a batch names, each once, in order of first use. */
final class ImageTable {

  private final List<String> ids = new ArrayList<>();
  private final Map<String, Integer> indexes = new HashMap<>();

  int indexOf(String imageId) {
    return indexes.computeIfAbsent(imageId, id -> {
      ids.add(id);
      return ids.size() - 1;
    });
  }

  List<String> ids() {
    return ids;
  }
}
