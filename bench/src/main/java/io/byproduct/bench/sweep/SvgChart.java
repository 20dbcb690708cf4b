package io.byproduct.bench.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart written as SVG by hand (no library): one x axis shared by every series, one
 * {@code <polyline>} per series (points whose value is NaN or, on a log axis, not positive are
 * left out), ticks and labels on both axes, a legend. Axes may be logarithmic.
 */
public final class SvgChart {

  /** One line: its name (legend) and a value per x. */
  public record Series(String name, double[] values) {}

  static final int WIDTH = 720;
  static final int HEIGHT = 420;
  static final int LEFT = 80;
  static final int RIGHT = WIDTH - 210;
  static final int TOP = 40;
  static final int BOTTOM = HEIGHT - 55;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
      "#7f7f7f"};

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final double[] xs;
  private final boolean logX;
  private final boolean logY;
  private final List<Series> series = new ArrayList<>();
  private final double yMin;
  private final double yMax;

  /**
   * @param xs the x values, ascending (positive if {@code logX})
   * @param series each with one value per x
   */
  public SvgChart(String title, String xLabel, String yLabel, double[] xs, boolean logX, boolean logY,
      List<Series> series) {
    if (xs.length < 2) {
      throw new IllegalArgumentException("a chart needs at least two x values");
    }
    for (Series s : series) {
      if (s.values().length != xs.length) {
        throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().length + " values for "
            + xs.length + " x values");
      }
    }
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.xs = xs.clone();
    this.logX = logX;
    this.logY = logY;
    this.series.addAll(series);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : s.values()) {
        if (plotted(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (min == Double.POSITIVE_INFINITY) {
      min = logY ? 1 : 0;
      max = logY ? 10 : 1;
    }
    if (logY) {
      yMin = Math.pow(10, Math.floor(Math.log10(min)));
      double top = Math.pow(10, Math.ceil(Math.log10(max)));
      yMax = top <= yMin ? yMin * 10 : top;
    } else {
      yMin = 0;
      yMax = niceCeiling(max);
    }
  }

  /** The x pixel of value {@code x}. */
  double px(double x) {
    double lo = scaleX(xs[0]);
    double hi = scaleX(xs[xs.length - 1]);
    return LEFT + (scaleX(x) - lo) / (hi - lo) * (RIGHT - LEFT);
  }

  /** The y pixel of value {@code y} (SVG's y grows downwards). */
  double py(double y) {
    double lo = scaleY(yMin);
    double hi = scaleY(yMax);
    return BOTTOM - (scaleY(y) - lo) / (hi - lo) * (BOTTOM - TOP);
  }

  double yMin() {
    return yMin;
  }

  double yMax() {
    return yMax;
  }

  public String toSvg() {
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
        LEFT, escape(title)));
    // axes
    svg.append(String.format(Locale.ROOT, "<line class=\"axis x-axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
        + " stroke=\"black\"/>%n", LEFT, BOTTOM, RIGHT, BOTTOM));
    svg.append(String.format(Locale.ROOT, "<line class=\"axis y-axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
        + " stroke=\"black\"/>%n", LEFT, TOP, LEFT, BOTTOM));
    for (double x : xs) {
      double p = px(x);
      svg.append(String.format(Locale.ROOT, "<line class=\"tick x-tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
          + " stroke=\"black\"/>%n", p, BOTTOM, p, BOTTOM + 5));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", p,
          BOTTOM + 19, label(x)));
    }
    for (double y : yTicks()) {
      double p = py(y);
      svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
          + " stroke=\"#dddddd\"/>%n", LEFT, p, RIGHT, p));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6,
          p + 4, label(y)));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        (LEFT + RIGHT) / 2, HEIGHT - 14, escape(xLabel + (logX ? " (log scale)" : ""))));
    svg.append(String.format(Locale.ROOT, "<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">%s"
        + "</text>%n", (TOP + BOTTOM) / 2, escape(yLabel + (logY ? " (log scale)" : ""))));
    // one polyline per series, its points as circles, and the legend
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (int j = 0; j < xs.length; j++) {
        double v = s.values()[j];
        if (!plotted(v)) {
          continue;
        }
        String point = String.format(Locale.ROOT, "%.1f,%.1f", px(xs[j]), py(v));
        points.append(points.isEmpty() ? "" : " ").append(point);
        dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s</title>"
            + "</circle>%n", px(xs[j]), py(v), colour, escape(s.name()), label(v)));
      }
      svg.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-series=\"%s\" fill=\"none\" stroke=\"%s\""
          + " stroke-width=\"2\" points=\"%s\"/>%n", escape(s.name()), colour, points));
      svg.append(dots);
      int ly = TOP + 10 + 20 * i;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
          + " stroke-width=\"2\"/>%n", RIGHT + 15, ly, RIGHT + 35, ly, colour));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", RIGHT + 40, ly + 4, escape(s.name())));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private List<Double> yTicks() {
    List<Double> ticks = new ArrayList<>();
    if (logY) {
      for (double y = yMin; y <= yMax * 1.0001; y *= 10) {
        ticks.add(y);
      }
    } else {
      for (int i = 0; i <= 5; i++) {
        ticks.add(yMax * i / 5);
      }
    }
    return ticks;
  }

  private boolean plotted(double v) {
    return !Double.isNaN(v) && !Double.isInfinite(v) && (!logY || v > 0);
  }

  private double scaleX(double x) {
    return logX ? Math.log10(x) : x;
  }

  private double scaleY(double y) {
    return logY ? Math.log10(y) : y;
  }

  /** 1, 2, 2.5 or 5 times a power of ten, at least {@code max}. */
  static double niceCeiling(double max) {
    if (max <= 0) {
      return 1;
    }
    double decade = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * decade >= max) {
        return step * decade;
      }
    }
    return 10 * decade;
  }

  static String label(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.0f" : Math.abs(v) >= 1 ? "%.1f" : "%.2f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
