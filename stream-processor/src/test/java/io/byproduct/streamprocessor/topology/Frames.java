package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import java.util.ArrayList;
import java.util.List;

/** Events cut into the frames a browser would send, for tests that write {@code InteractionBatch} records. */
public final class Frames {

  private Frames() {}

  /**
   * Runs of up to {@code frameSize} consecutive events (one session and page, consecutive seqs), as
   * copies sharing the run's last gateway time (a frame's events share the gateway's clock) with
   * coordinates in images on the wire's 1e-4 grid (as the gateway reads them), so that each run
   * packs into one batch.
   */
  public static List<List<InteractionEvent>> of(List<InteractionEvent> events, int frameSize) {
    List<List<InteractionEvent>> frames = new ArrayList<>();
    List<InteractionEvent> frame = new ArrayList<>();
    for (InteractionEvent e : events) {
      InteractionEvent last = frame.isEmpty() ? null : frame.get(frame.size() - 1);
      if (last != null && (frame.size() == frameSize || !last.getSessionId().equals(e.getSessionId())
          || last.getPageNo() != e.getPageNo() || last.getSeq() + 1 != e.getSeq())) {
        frames.add(stamped(frame));
        frame = new ArrayList<>();
      }
      frame.add(onTheGrid(InteractionEvent.newBuilder(e).build()));
    }
    if (!frame.isEmpty()) {
      frames.add(stamped(frame));
    }
    return frames;
  }

  private static InteractionEvent onTheGrid(InteractionEvent e) {
    if (e.getPayload() instanceof PointerSample p) {
      e.setPayload(new PointerSample(p.getImageId(), grid(p.getX()), grid(p.getY())));
    } else if (e.getPayload() instanceof SelectionToggled t) {
      e.setPayload(new SelectionToggled(t.getImageId(), grid(t.getX()), grid(t.getY()), t.getSelected()));
    }
    return e;
  }

  private static double grid(double fraction) {
    return Math.round(fraction * 10_000) / 10_000.0;
  }

  private static List<InteractionEvent> stamped(List<InteractionEvent> frame) {
    long gatewayTime = frame.get(frame.size() - 1).getGatewayTime();
    frame.forEach(e -> e.setGatewayTime(gatewayTime));
    return frame;
  }
}
