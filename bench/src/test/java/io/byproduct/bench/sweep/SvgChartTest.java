package io.byproduct.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written SVG of the scaling curve: axes, one polyline per series, every value where it belongs. */
class SvgChartTest {

  private static final double[] WORKERS = {100, 250, 500, 1000, 2000};
  private static final Pattern POLYLINE = Pattern.compile("<polyline class=\"series\" data-series=\"([^\"]*)\"[^>]*"
      + " points=\"([^\"]*)\"/>");

  @Test
  void drawsBothAxes_withATickAndLabelPerX_andOnePolylinePerSeries() {
    String svg = new SvgChart("t", "simulated workers", "milliseconds", WORKERS, true, true, List.of(
        new SvgChart.Series("ack p99", new double[] {10, 20, 40, 80, 160}),
        new SvgChart.Series("visible p99", new double[] {100, 200, 1_000, 10_000, 100_000}))).toSvg();

    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n");
    assertThat(count(svg, "class=\"axis x-axis\"")).isEqualTo(1);
    assertThat(count(svg, "class=\"axis y-axis\"")).isEqualTo(1);
    assertThat(count(svg, "class=\"tick x-tick\"")).isEqualTo(WORKERS.length);
    assertThat(svg).contains(">100</text>", ">250</text>", ">2,000</text>", "simulated workers (log scale)",
        "milliseconds (log scale)");
    assertThat(polylines(svg)).extracting(p -> p.get(0)).containsExactly("ack p99", "visible p99");
    // log y from the decade below the smallest value to the decade above the largest: 10 .. 100,000
    assertThat(svg).contains(">10</text>", ">100,000</text>");
  }

  @Test
  void placesEveryValue_linearAxes_atItsPixel() {
    SvgChart chart = new SvgChart("t", "x", "cores", new double[] {0, 50, 100}, false, false, List.of(
        new SvgChart.Series("a", new double[] {0, 0.5, 1}),
        new SvgChart.Series("b", new double[] {1, 0.25, 0.75})));
    assertThat(chart.yMax()).isEqualTo(1);
    List<double[]> a = points(polylines(chart.toSvg()).get(0).get(1));
    List<double[]> b = points(polylines(chart.toSvg()).get(1).get(1));
    double width = SvgChart.RIGHT - SvgChart.LEFT;
    double height = SvgChart.BOTTOM - SvgChart.TOP;
    assertPoint(a.get(0), SvgChart.LEFT, SvgChart.BOTTOM);                            // (0, 0): the origin
    assertPoint(a.get(1), SvgChart.LEFT + width / 2, SvgChart.BOTTOM - height / 2);   // (50, 0.5): the middle
    assertPoint(a.get(2), SvgChart.RIGHT, SvgChart.TOP);                              // (100, 1): top right
    assertPoint(b.get(0), SvgChart.LEFT, SvgChart.TOP);
    assertPoint(b.get(1), SvgChart.LEFT + width / 2, SvgChart.BOTTOM - height / 4);
    assertPoint(b.get(2), SvgChart.RIGHT, SvgChart.BOTTOM - height * 3 / 4);
  }

  @Test
  void placesEveryValue_logAxes_evenlyByDecade() {
    SvgChart chart = new SvgChart("t", "x", "ms", new double[] {100, 1_000, 10_000}, true, true, List.of(
        new SvgChart.Series("a", new double[] {10, 100, 1_000})));
    List<double[]> a = points(polylines(chart.toSvg()).get(0).get(1));
    double width = SvgChart.RIGHT - SvgChart.LEFT;
    double height = SvgChart.BOTTOM - SvgChart.TOP;
    assertThat(chart.yMin()).isEqualTo(10);
    assertThat(chart.yMax()).isEqualTo(1_000);
    assertPoint(a.get(0), SvgChart.LEFT, SvgChart.BOTTOM);
    assertPoint(a.get(1), SvgChart.LEFT + width / 2, SvgChart.BOTTOM - height / 2);
    assertPoint(a.get(2), SvgChart.RIGHT, SvgChart.TOP);
  }

  @Test
  void leavesOutValuesThatCannotBePlotted_andRefusesSeriesOfTheWrongLength() {
    String svg = new SvgChart("t", "x", "ms", WORKERS, true, true, List.of(
        new SvgChart.Series("lag", new double[] {Double.NaN, 0, 1_500, 3_000, 6_000}))).toSvg();
    assertThat(points(polylines(svg).get(0).get(1))).hasSize(3);
    assertThatThrownBy(() -> new SvgChart("t", "x", "y", WORKERS, true, false,
        List.of(new SvgChart.Series("short", new double[] {1, 2}))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("short");
  }

  @Test
  void escapesNamesForXml() {
    String svg = new SvgChart("a < b & c", "x", "y", new double[] {1, 2}, false, false,
        List.of(new SvgChart.Series("submit -> \"DynamoDB\"", new double[] {1, 2}))).toSvg();
    assertThat(svg).contains("a &lt; b &amp; c", "submit -&gt; &quot;DynamoDB&quot;").doesNotContain("a < b");
  }

  private static void assertPoint(double[] point, double x, double y) {
    assertThat(point[0]).as("x pixel").isCloseTo(x, org.assertj.core.data.Offset.offset(0.06));
    assertThat(point[1]).as("y pixel").isCloseTo(y, org.assertj.core.data.Offset.offset(0.06));
  }

  private static List<List<String>> polylines(String svg) {
    List<List<String>> found = new ArrayList<>();
    Matcher m = POLYLINE.matcher(svg);
    while (m.find()) {
      found.add(List.of(m.group(1), m.group(2)));
    }
    return found;
  }

  private static List<double[]> points(String attribute) {
    List<double[]> points = new ArrayList<>();
    for (String p : attribute.split(" ")) {
      String[] xy = p.split(",");
      points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
    }
    return points;
  }

  private static int count(String s, String part) {
    return s.split(Pattern.quote(part), -1).length - 1;
  }
}
