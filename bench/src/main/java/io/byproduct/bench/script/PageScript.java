package io.byproduct.bench.script;

import java.util.List;

/**
 * Everything one worker's browser reports about one page, in order.
 *
 * @param pageNo 1-based page number
 * @param imageIds the page's images in order
 * @param actions the actions, in client-time order; image indices refer to {@code imageIds}
 */
public record PageScript(int pageNo, List<String> imageIds, List<Action> actions) {

  public long pointerSamples() {
    return actions.stream().filter(a -> a instanceof Action.Move).count();
  }
}
