package io.byproduct.hittool.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule with its default threshold: known pages in, the flags (and the sentence the worker reads) out. */
class FlagRulesTest {

  private final FlagRules rules = new FlagRules(FlagThresholds.DEFAULTS);

  /** A page of 10 images: p1, p2 positive controls, n1, n2 negative; the selected ones hovered unless listed. */
  static StoredPage page(int pageNo, long seconds, List<String> selected, List<String> selectedUnhovered) {
    List<StoredPage.Image> images = new ArrayList<>();
    for (String id : List.of("p1", "p2", "n1", "n2", "c1", "c2", "c3", "c4", "c5", "c6")) {
      boolean unhovered = selectedUnhovered.contains(id);
      images.add(new StoredPage.Image(id, selected.contains(id) || unhovered, unhovered ? 0 : 2));
    }
    return new StoredPage(pageNo, seconds * 1000, images, Map.of("p1", StoredPage.Control.POSITIVE,
        "p2", StoredPage.Control.POSITIVE, "n1", StoredPage.Control.NEGATIVE, "n2", StoredPage.Control.NEGATIVE));
  }

  static List<String> codes(List<Flag> flags) {
    return flags.stream().map(Flag::code).toList();
  }

  @Test
  void honestWork_noFlags() {
    List<StoredPage> pages = List.of(page(1, 40, List.of("p1", "p2", "c1"), List.of()),
        page(2, 35, List.of("p1", "c2", "c3"), List.of()), page(3, 50, List.of("p2", "n1", "c4"), List.of()));
    assertThat(rules.evaluate(pages)).isEmpty();
  }

  @Test
  void missesMostPositiveControls_isFlagged_withTheCounts() {
    // 1 of 6 positives selected: below half
    List<StoredPage> pages = List.of(page(1, 40, List.of("p1", "c1"), List.of()), page(2, 40, List.of("c2"), List.of()),
        page(3, 40, List.of("c3"), List.of()));
    List<Flag> flags = rules.evaluate(pages);
    assertThat(codes(flags)).containsExactly("fails-positive-controls");
    assertThat(flags.get(0).reason()).isEqualTo("You selected 1 of the 6 images we know show the class.");
  }

  @Test
  void exactlyHalfThePositives_isNotFlagged() {
    List<StoredPage> pages = List.of(page(1, 40, List.of("p1", "c1"), List.of()), page(2, 40, List.of("p2", "c2"), List.of()));
    assertThat(rules.evaluate(pages)).isEmpty();
  }

  @Test
  void selectsTheNegatives_isFlagged() {
    List<StoredPage> pages = List.of(page(1, 40, List.of("p1", "p2", "n1", "n2"), List.of()),
        page(2, 40, List.of("p1", "p2", "n1", "c1"), List.of()));
    assertThat(codes(rules.evaluate(pages))).containsExactly("selects-negative-controls");
  }

  @Test
  void fastPages_allOrNothing_andClicksWithoutPointing_areFlagged() {
    List<String> everything = List.of("p1", "p2", "n1", "n2", "c1", "c2", "c3", "c4", "c5", "c6");
    // a script: every image selected without the pointer ever entering one, 3 s a page
    List<StoredPage> pages = List.of(page(1, 3, List.of(), everything), page(2, 2, List.of(), everything),
        page(3, 4, List.of(), everything));
    List<Flag> flags = rules.evaluate(pages);
    assertThat(codes(flags)).containsExactly("selects-negative-controls", "too-fast", "all-or-none-selected",
        "selected-without-pointing");
    assertThat(flags.get(1).reason()).isEqualTo("Your pages took 3.0 seconds each (median), too little to look at the images.");
    assertThat(flags.get(2).reason()).isEqualTo("On 3 of your 3 pages you selected every image or none.");
    assertThat(flags.get(3).reason()).isEqualTo("30 of the 30 images you selected were never under your pointer.");
  }

  @Test
  void noStoredPages_isFlagged() {
    assertThat(codes(rules.evaluate(List.of()))).containsExactly("no-stored-work");
  }

  @Test
  void thresholds_outsideTheirRange_areRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FlagThresholds(1.5, 0.5, 8, 0.5, 0.2))
        .hasMessageContaining("positive-control share must be between 0 and 1, not 1.5");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FlagThresholds(0.5, 0.5, -1, 0.5, 0.2))
        .hasMessageContaining("minimum page time");
  }
}
