package io.byproduct.hittool.hits;

import io.byproduct.platform.hits.HitStore;
import java.util.List;

/** Writes built HITs through {@link HitStore}, one item each; writing the same HITs again is harmless. */
public final class HitWriter {

  /** Told after every {@code every}-th HIT and after the last. */
  @FunctionalInterface
  public interface Progress {
    void written(int done, int total);

    Progress NONE = (done, total) -> {};
  }

  private HitWriter() {}

  /** @return how many HITs were written */
  public static int write(HitStore store, List<BuiltHit> hits, int every, Progress progress) {
    if (every < 1) {
      throw new IllegalArgumentException("progress interval must be at least 1, was " + every);
    }
    int done = 0;
    for (BuiltHit hit : hits) {
      store.put(HitJson.toJson(hit));
      done++;
      if (done % every == 0 || done == hits.size()) {
        progress.written(done, hits.size());
      }
    }
    return done;
  }
}
