package io.byproduct.analytics.export;

import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mousetrap trials from raw events: a trial runs from a {@code HoverChanged} enter of an image to
 * its leave (or the next enter, or the end of the export), with every {@code PointerSample} (also
 * while selected) and every {@code SelectionToggled} click in between. Hovers are numbered per
 * image of a page across page loads; {@code session_id} and {@code page_replaced} tell the page
 * loads apart, so a replaced page's positions never join the next load's trials. The rendered size
 * is the image's latest {@code ImageLaidOut} when the trial ends. A trial is held in memory until
 * it ends; one longer than {@value #MAX_POSITIONS} positions (over 27 min at 60 Hz) is written and
 * continued as the next, so memory stays bounded however long a forged hover runs.
 */
final class EventTrials {

  static final List<String> COLUMNS = List.of("annotation_id", "page_no", "image_id", "hover_no", "session_id",
      "page_replaced", "worker_id", "hit_dataset_name", "imagenet_hit_id", "version", "entered_at_ms",
      "left_at_ms", "response", "image_width", "image_height", "original_image_width", "original_image_height");

  static final int MAX_POSITIONS = 100_000;

  private static final class Trial {
    final InteractionEvent first;
    final boolean replaced;
    final int hoverNo;
    final Long enteredAt;
    final List<MousetrapCsv.Position> positions = new ArrayList<>();
    String response = "none";

    Trial(InteractionEvent first, boolean replaced, int hoverNo, Long enteredAt) {
      this.first = first;
      this.replaced = replaced;
      this.hoverNo = hoverNo;
      this.enteredAt = enteredAt;
    }
  }

  private final MousetrapCsv csv;
  private final int maxPositions;
  private final Map<String, Trial> open = new LinkedHashMap<>();
  private final Map<String, Integer> hoverCounts = new HashMap<>();
  private final Map<String, ImageLaidOut> layouts = new HashMap<>();

  EventTrials(MousetrapCsv csv) {
    this(csv, MAX_POSITIONS);
  }

  /** Tests: another bound on the positions held per trial. */
  EventTrials(MousetrapCsv csv, int maxPositions) {
    this.csv = csv;
    this.maxPositions = maxPositions;
  }

  private static String imageKey(InteractionEvent e, String imageId) {
    return e.getAnnotationId() + '\u0000' + e.getPageNo() + '\u0000' + imageId;
  }

  void event(InteractionEvent e, boolean replaced) throws IOException {
    Object payload = e.getPayload();
    if (payload instanceof ImageLaidOut l) {
      layouts.put(imageKey(e, l.getImageId()), l);
    } else if (payload instanceof HoverChanged h) {
      String key = imageKey(e, h.getImageId());
      if (h.getEntered()) {
        end(key, null);
        start(key, e, replaced, e.getClientTime());
      } else {
        // a leave without an open trial (its enter was outside the export) ends nothing
        end(key, e.getClientTime());
      }
    } else if (payload instanceof PointerSample s) {
      add(imageKey(e, s.getImageId()), e, replaced, new MousetrapCsv.Position(e.getClientTime(), s.getX(), s.getY(), false));
    } else if (payload instanceof SelectionToggled t) {
      Trial trial = add(imageKey(e, t.getImageId()), e, replaced,
          new MousetrapCsv.Position(e.getClientTime(), t.getX(), t.getY(), true));
      trial.response = t.getSelected() ? "selected" : "deselected";
    }
  }

  private Trial start(String key, InteractionEvent e, boolean replaced, Long enteredAt) {
    Trial trial = new Trial(e, replaced, hoverCounts.merge(key, 1, Integer::sum), enteredAt);
    open.put(key, trial);
    return trial;
  }

  private Trial add(String key, InteractionEvent e, boolean replaced, MousetrapCsv.Position position) throws IOException {
    Trial trial = open.get(key);
    if (trial != null && !trial.first.getSessionId().equals(e.getSessionId())) {
      end(key, null);
      trial = null;
    }
    if (trial == null) {
      trial = start(key, e, replaced, null);
    } else if (trial.positions.size() >= maxPositions) {
      end(key, null);
      trial = start(key, e, replaced, null);
    }
    trial.positions.add(position);
    return trial;
  }

  /** Writes the open trial of {@code key}, if any. */
  private void end(String key, Long leftAt) throws IOException {
    Trial trial = open.remove(key);
    if (trial == null || trial.positions.isEmpty()) {
      return;
    }
    write(key, trial, leftAt);
  }

  private void write(String key, Trial trial, Long leftAt) throws IOException {
    InteractionEvent e = trial.first;
    String imageId = key.substring(key.lastIndexOf('\u0000') + 1);
    ImageLaidOut layout = layouts.get(key);
    csv.trial(MousetrapCsv.trialId(e.getAnnotationId(), e.getPageNo(), imageId, trial.hoverNo), trial.positions,
        layout == null ? null : layout.getWidth(), layout == null ? null : layout.getHeight(),
        e.getAnnotationId(), e.getPageNo(), imageId, trial.hoverNo, e.getSessionId(), trial.replaced, e.getWorkerId(),
        e.getHitDatasetName(), e.getImageNetHitId(), e.getVersion().name(), trial.enteredAt, leftAt, trial.response,
        layout == null ? null : layout.getWidth(), layout == null ? null : layout.getHeight(),
        layout == null ? null : layout.getNaturalWidth(), layout == null ? null : layout.getNaturalHeight());
  }

  /** Writes the trials still open at the end of the export (no leave: {@code left_at_ms} is NA). */
  void finish() throws IOException {
    for (String key : new ArrayList<>(open.keySet())) {
      end(key, null);
    }
  }
}
