package io.byproduct.bench.script;

import java.util.List;

/**
 * One thing a simulated worker's browser reports, with its client time. Coordinates are fractions
 * of the image in steps of 1e-4 (as the wire format carries them), so every path through the system
 * sees exactly the same values.
 */
public sealed interface Action {

  long time();

  record OpenPage(long time, String classId, List<String> imageIds, int pageCount) implements Action {}

  record LayOut(long time, int image, double x, double y, double width, double height, int naturalWidth,
      int naturalHeight) implements Action {}

  record Enter(long time, int image) implements Action {}

  record Leave(long time, int image) implements Action {}

  record Move(long time, int image, double x, double y) implements Action {}

  record Click(long time, int image, double x, double y, boolean selectedAfter) implements Action {}

  record Visibility(long time, boolean visible) implements Action {}

  record Submit(long time, String pageId, long startedAt, boolean lastPage) implements Action {}

  record StartHit(long time, long startedAt) implements Action {}

  record FinishHit(long time, int pageCount) implements Action {}
}
