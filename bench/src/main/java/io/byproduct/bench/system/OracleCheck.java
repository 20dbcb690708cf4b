package io.byproduct.bench.system;

import io.byproduct.bench.oracle.ReferenceRecords;
import io.byproduct.bench.script.PageScript;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.ImageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * Reads every page the simulated workers submitted back from DynamoDB and compares it with the
 * records the oracle ({@link ReferenceRecords}) computes from the same script: whole pages equal,
 * and the recorded items (track points, hover actions, selection clicks) missing or extra.
 */
final class OracleCheck {

  /**
   * @param items track points, hover actions and selection clicks the oracle expects
   * @param missing expected items not stored (lost)
   * @param extra stored items not expected (duplicated)
   */
  record Result(int pages, int pagesEqual, int pagesMissing, long items, long missing, long extra) {

    Result plus(Result o) {
      return new Result(pages + o.pages, pagesEqual + o.pagesEqual, pagesMissing + o.pagesMissing, items + o.items,
          missing + o.missing, extra + o.extra);
    }
  }

  private OracleCheck() {}

  /**
   * Checks every page of the sessions; reads pages not stored yet again until {@code patience} has passed (a
   * pipeline that fell behind is still writing them): what is missing then counts as lost.
   */
  static Result checkWhenStored(PageReader reader, List<SimulatedSession> sessions, int threads,
      java.time.Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "bench-oracle"));
    try {
      List<Future<Result>> results = new ArrayList<>();
      for (SimulatedSession s : sessions) {
        for (PageScript page : s.pages()) {
          results.add(pool.submit(() -> {
            Result r = checkPage(reader, s.worker().annotationId(), page);
            while (r.pagesMissing() > 0 && System.nanoTime() < deadline) {
              Thread.sleep(1000);
              r = checkPage(reader, s.worker().annotationId(), page);
            }
            return r;
          }));
        }
      }
      Result total = new Result(0, 0, 0, 0, 0, 0);
      for (Future<Result> r : results) {
        total = total.plus(r.get());
      }
      return total;
    } finally {
      pool.shutdown();
    }
  }

  private static Result checkPage(PageReader reader, String annotationId, PageScript page) {
    Optional<JsonNode> stored = reader.read(annotationId, page.pageNo());
    List<ImageRecord> expected = ReferenceRecords.of(page,
        stored.map(s -> s.get("workerID").asString()).orElse("unknown"));
    long items = expected.stream().mapToLong(OracleCheck::items).sum();
    if (stored.isEmpty()) {
      return new Result(1, 0, 1, items, items, 0);
    }
    JsonNode annotations = stored.get().get("annotations");
    boolean equal = annotations.size() == expected.size();
    long missing = 0;
    long extra = 0;
    for (int i = 0; i < expected.size(); i++) {
      long want = items(expected.get(i));
      if (i >= annotations.size()) {
        missing += want;
        continue;
      }
      ImageRecord got = SeedJson.fromTree(annotations.get(i));
      equal &= got.equals(expected.get(i));
      long have = items(got);
      missing += Math.max(0, want - have);
      extra += Math.max(0, have - want);
    }
    return new Result(1, equal ? 1 : 0, 0, items, missing, extra);
  }

  private static long items(ImageRecord r) {
    return r.getMouseTracking().size() + r.getHoveredRecord().size() + r.getSelectedRecord().size();
  }
}
