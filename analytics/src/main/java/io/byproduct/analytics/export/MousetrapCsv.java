package io.byproduct.analytics.export;

import io.byproduct.analytics.export.table.PageTables;
import io.byproduct.analytics.export.table.RowFiles;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Pointer trajectories as a long-format CSV that R's mousetrap reads with {@code
 * mt_import_long(read.csv(file))} and its defaults. A trial ({@code mt_id}) is one hover: the
 * pointer entered an image and left it. Its rows are the pointer positions and the clicks in that
 * hover ({@code is_click}), in time order ({@code mt_seq}); {@code timestamps} in epoch ms of the
 * browser clock; {@code xpos}, {@code ypos} in CSS pixels of the rendered image (origin top-left,
 * y downwards) so distances are not stretched, {@code x_frac}, {@code y_frac} as fractions beside
 * them. Every other column is constant within a trial (mousetrap's trial-level data). Missing
 * values are {@code NA}, booleans {@code TRUE}/{@code FALSE} (R's defaults).
 */
final class MousetrapCsv {

  /** The per-position columns, first in every file. */
  static final List<String> POSITION_COLUMNS = List.of("mt_id", "mt_seq", "timestamps", "xpos", "ypos", "x_frac",
      "y_frac", "is_click");

  /** A position in a trial: time, fractions, and whether it is a click. */
  record Position(long time, double x, double y, boolean click) {}

  private final Writer out;
  private long rows;

  MousetrapCsv(Writer out, List<String> trialColumns) throws IOException {
    this.out = out;
    List<String> header = new ArrayList<>(POSITION_COLUMNS);
    header.addAll(trialColumns);
    row(header.toArray());
  }

  static String trialId(String annotationId, int pageNo, String imageId, int hoverNo) {
    return annotationId + ":" + pageNo + ":" + imageId + ":" + hoverNo;
  }

  /** Writes one trial: its positions (already in time order) with pixels from the rendered size, then its trial-level values. */
  void trial(String id, List<Position> positions, Number width, Number height, Object... trialValues) throws IOException {
    int seq = 0;
    for (Position p : positions) {
      Object[] row = new Object[POSITION_COLUMNS.size() + trialValues.length];
      row[0] = id;
      row[1] = ++seq;
      row[2] = p.time();
      row[3] = width == null ? null : PageTables.pixels(p.x(), width.doubleValue());
      row[4] = height == null ? null : PageTables.pixels(p.y(), height.doubleValue());
      row[5] = p.x();
      row[6] = p.y();
      row[7] = p.click();
      System.arraycopy(trialValues, 0, row, POSITION_COLUMNS.size(), trialValues.length);
      row(row);
      rows++;
    }
  }

  long rows() {
    return rows;
  }

  private void row(Object... values) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(values[i]));
    }
    line.append('\n');
    out.write(line.toString());
  }

  /** RFC 4180 field; missing values are NA, booleans TRUE/FALSE, numbers in plain decimals. */
  static String field(Object value) {
    if (value == null) {
      return "NA";
    }
    if (value instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    if (value instanceof Double d) {
      return RowFiles.decimal(d);
    }
    return RowFiles.quoted(value.toString());
  }
}
