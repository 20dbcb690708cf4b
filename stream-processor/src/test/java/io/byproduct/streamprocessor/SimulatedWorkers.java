package io.byproduct.streamprocessor;

import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.streamprocessor.topology.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The interaction events of simulated workers, as the gateway writes them to {@code interactions}:
 * each annotation is one browser session (HitStarted, pages of six laid-out images with hovers,
 * 60 Hz pointer samples, selections and de-selections, a submit per page, HitFinished), and the
 * stream holds resends as clients make them (a frame sent twice, the last frames again after a
 * reconnect). Workers run in waves so pages finish all along the run. Deterministic for a seed.
 */
final class SimulatedWorkers {

  static final long T0 = 1_760_000_000_000L;
  private static final int IMAGES_PER_PAGE = 6;

  private SimulatedWorkers() {}

  /** The annotation's events in the order its browser sends them, resends included. */
  static List<InteractionEvent> session(String annotationId, int pages, Random random) {
    Script s = new Script(annotationId, "sess-" + annotationId, T0);
    long now = T0;
    s.hitStarted(now);
    for (int p = 1; p <= pages; p++) {
      s.page(p);
      long pageStart = now;
      String[] images = new String[IMAGES_PER_PAGE];
      for (int i = 0; i < images.length; i++) {
        images[i] = "n01440764/n01440764_" + (p * 100 + i);
      }
      s.at(now).opened(images);
      for (int i = 0; i < images.length; i++) {
        s.laidOut(images[i], 20 + 350 * (i % 3), 200 + 350 * (i / 3), 340, 255, 500, 375);
      }
      for (int i = 0; i < images.length; i++) {
        if (random.nextInt(4) == 0) {
          continue;   // never hovered
        }
        now += 200 + random.nextInt(300);
        s.at(now).enter(images[i]);
        int samples = 10 + random.nextInt(30);
        for (int k = 0; k < samples; k++) {
          now += 16 + random.nextInt(3);
          s.at(now).move(images[i], random.nextDouble(), random.nextDouble());
          if (k == samples / 2 && random.nextBoolean()) {
            s.click(images[i], random.nextDouble(), random.nextDouble(), true);
            if (random.nextInt(3) == 0) {
              now += 40;
              s.at(now).click(images[i], random.nextDouble(), random.nextDouble(), false);
            }
          }
        }
        now += 10;
        s.at(now).leave(images[i]);
      }
      now += 500;
      s.at(now).submit(annotationId + "-page-" + p, pageStart, p == pages);
      now += 1000;
    }
    s.hitFinished(pages);
    return withResends(s.events);
  }

  /** Every 15th event twice in a row; after every 40th, the 6 before it again (a reconnect). */
  private static List<InteractionEvent> withResends(List<InteractionEvent> events) {
    List<InteractionEvent> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      out.add(events.get(i));
      if (i % 15 == 7) {
        out.add(events.get(i));
      }
      if (i % 40 == 39) {
        out.addAll(events.subList(i - 5, i + 1));
      }
    }
    return out;
  }

  /**
   * All events of {@code annotations} workers, {@code wave} of them at a time, their events
   * interleaved within a wave (each worker's own order kept).
   */
  static List<InteractionEvent> inWaves(int annotations, int pages, int wave, long seed) {
    Random random = new Random(seed);
    List<InteractionEvent> out = new ArrayList<>();
    for (int first = 0; first < annotations; first += wave) {
      List<List<InteractionEvent>> sessions = new ArrayList<>();
      for (int a = first; a < Math.min(annotations, first + wave); a++) {
        sessions.add(session(String.format("ann-%03d", a), pages, random));
      }
      int[] next = new int[sessions.size()];
      boolean more = true;
      while (more) {
        more = false;
        for (int w = 0; w < sessions.size(); w++) {
          List<InteractionEvent> session = sessions.get(w);
          int burst = 1 + random.nextInt(4);
          for (int k = 0; k < burst && next[w] < session.size(); k++) {
            out.add(session.get(next[w]++));
          }
          more |= next[w] < session.size();
        }
      }
    }
    return out;
  }
}
