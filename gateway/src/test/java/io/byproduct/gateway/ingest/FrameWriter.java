package io.byproduct.gateway.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes recorded events as wire frames the way a browser client does: a frame is flushed every
 * {@code flushMs} (or at {@code maxEvents}), with {@code t0} = its first event's time, {@code q} =
 * its first seq, and the image table {@code img} on the frame that opens the page. Numbers and
 * strings as {@code JSON.stringify} writes them.
 */
final class FrameWriter {

  private FrameWriter() {}

  static List<String> frames(List<ScriptedPage.Event> events, List<String> images, int pageNo, long flushMs, int maxEvents) {
    List<String> frames = new ArrayList<>();
    long seq = 1;
    int start = 0;
    while (start < events.size()) {
      long t0 = events.get(start).time();
      int end = start;
      while (end < events.size() && end - start < maxEvents && events.get(end).time() - t0 < flushMs) {
        end++;
      }
      StringBuilder json = new StringBuilder("{\"q\":").append(seq).append(",\"p\":").append(pageNo).append(",\"t0\":").append(t0);
      if (start == 0) {
        json.append(",\"img\":[");
        for (int i = 0; i < images.size(); i++) {
          json.append(i == 0 ? "" : ",").append('"').append(images.get(i)).append('"');
        }
        json.append(']');
      }
      json.append(",\"e\":[");
      for (int k = start; k < end; k++) {
        ScriptedPage.Event event = events.get(k);
        json.append(k == start ? "[" : ",[").append(event.kind()).append(',').append(event.time() - t0);
        for (Object value : event.values()) {
          json.append(',');
          append(json, value);
        }
        json.append(']');
      }
      json.append("]}");
      frames.add(json.toString());
      seq += end - start;
      start = end;
    }
    return frames;
  }

  private static void append(StringBuilder json, Object value) {
    if (value instanceof String text) {
      json.append('"').append(text).append('"');
    } else if (value instanceof List<?> list) {
      json.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          json.append(',');
        }
        append(json, list.get(i));
      }
      json.append(']');
    } else {
      json.append(value);
    }
  }
}
