package io.byproduct.hittool.hits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.hittool.Fixtures;
import io.byproduct.hittool.manifest.ImageRole;
import io.byproduct.hittool.manifest.Manifest;
import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import io.byproduct.hittool.manifest.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HitBuilderTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static List<HitPage> allPages(BuiltHits built) {
    return built.hits().stream().flatMap(h -> h.pages().stream()).toList();
  }

  /** How often each candidate is shown as a candidate (on its own class's pages). */
  private static Map<String, Integer> candidateShows(BuiltHits built) {
    Map<String, Integer> shows = new HashMap<>();
    for (HitPage page : allPages(built)) {
      page.candidates().forEach(i -> shows.merge(i.id(), 1, Integer::sum));
    }
    return shows;
  }

  @Test
  void defaults_areTenPagesOf48Images_everyCandidateOnce() {
    // 5 classes × 100 candidates: 3 pages per class (100 over pages of 48, the last filled up), 15 pages, 2 HITs
    Manifest manifest = Fixtures.manifest("ds", 5, 100, 0);

    BuiltHits built = HitBuilder.build(manifest, BuildOptions.defaults());

    assertThat(built.ids()).containsExactly("ds-hit-0001", "ds-hit-0002");
    assertThat(built.hits().get(0).pages()).hasSize(10);
    assertThat(built.hits().get(1).pages()).hasSize(5);
    assertThat(built.notes()).containsExactly("the last HIT, ds-hit-0002, has 5 of 10 pages");
    assertThat(built.pages()).isEqualTo(15);
    assertThat(built.candidates()).isEqualTo(500);
    assertThat(allPages(built)).allSatisfy(page -> {
      assertThat(page.images()).hasSize(48);
      assertThat(page.images()).extracting(ManifestImage::id).doesNotHaveDuplicates();
      assertThat(page.images()).allSatisfy(i -> assertThat(i.classId()).isEqualTo(page.cls().id()));
      assertThat(page.controls()).isEmpty();
    });
    Map<String, Integer> shows = candidateShows(built);
    assertThat(shows).hasSize(500);
    // 100 candidates over 3 × 48 = 144 places: 44 of each class are shown a second time to fill the pages
    assertThat(shows.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
    assertThat(shows.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(15 * 48);
  }

  @ParameterizedTest
  @CsvSource({
      // classes, candidates, pages, images per page, repeats, expected pages in all
      "3, 96, 3, 48, 1, 6",
      "4, 40, 5, 10, 2, 32",
      "7, 25, 10, 12, 3, 49",
      "12, 30, 10, 8, 1, 48"})
  void everyCandidateIsShown_repeatsTimes_andNoHitShowsACandidateTwice(int classes, int candidates, int pages,
      int perPage, int repeats, int expectedPages) {
    Manifest manifest = Fixtures.manifest("ds", classes, candidates, 0);
    BuildOptions options = BuildOptions.defaults().withPages(pages).withImagesPerPage(perPage).withRepeats(repeats);

    BuiltHits built = HitBuilder.build(manifest, options);

    assertThat(built.pages()).isEqualTo(expectedPages);
    assertThat(built.hits()).hasSize((expectedPages + pages - 1) / pages);
    Map<String, Integer> shows = candidateShows(built);
    assertThat(shows).hasSize(classes * candidates);
    assertThat(shows.values()).allSatisfy(n -> assertThat(n).isBetween(repeats, repeats + 1));
    if ((long) candidates * repeats % perPage == 0) {
      assertThat(shows.values()).containsOnly(repeats);
    }
    for (BuiltHit hit : built.hits()) {
      List<String> shownInHit = hit.pages().stream().flatMap(p -> p.candidates().stream()).map(ManifestImage::id).toList();
      assertThat(shownInHit).as("a worker judges a candidate once").doesNotHaveDuplicates();
      assertThat(hit.pages()).extracting(HitPage::pageno)
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, hit.pages().size()).boxed().toList());
      if (classes >= pages) {
        assertThat(hit.pages()).extracting(p -> p.cls().id()).as("one page per class in a HIT").doesNotHaveDuplicates();
      }
    }
    // only the last HIT may be short
    for (int h = 0; h < built.hits().size() - 1; h++) {
      assertThat(built.hits().get(h).pages()).hasSize(pages);
    }
  }

  @Test
  void controls_areOfThePagesClass_andOfItsMostSimilarClass_andRecordedForReview() {
    Manifest manifest = Fixtures.manifest("ds", 4, 60, 6);
    BuildOptions options = BuildOptions.defaults().withPages(4).withImagesPerPage(24).withControls(2, 3);
    Map<String, ManifestClass> classes = manifest.classesById();
    Map<String, ManifestImage> images = manifest.images().stream()
        .collect(Collectors.toMap(ManifestImage::id, i -> i));

    BuiltHits built = HitBuilder.build(manifest, options);

    assertThat(allPages(built)).isNotEmpty().allSatisfy(page -> {
      assertThat(page.images()).hasSize(24).extracting(ManifestImage::id).doesNotHaveDuplicates();
      assertThat(page.candidates()).hasSize(19)
          .allSatisfy(i -> assertThat(i.classId()).isEqualTo(page.cls().id()))
          .allSatisfy(i -> assertThat(i.role()).isEqualTo(ImageRole.CANDIDATE));
      String similar = classes.get(page.cls().id()).similarTo();
      assertThat(page.negativeControlClass()).isEqualTo(similar);
      Map<Control, List<ManifestImage>> byKind = new HashMap<>();
      page.controls().forEach((id, kind) -> byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(images.get(id)));
      assertThat(byKind.get(Control.POSITIVE)).hasSize(2).allSatisfy(i -> {
        assertThat(i.classId()).isEqualTo(page.cls().id());
        assertThat(i.role()).isEqualTo(ImageRole.CONTROL);
      });
      // the similar class has enough control images: only they serve as negatives
      assertThat(byKind.get(Control.NEGATIVE)).hasSize(3).allSatisfy(i -> {
        assertThat(i.classId()).isEqualTo(similar);
        assertThat(i.role()).isEqualTo(ImageRole.CONTROL);
      });
    });
    // controls rotate through all control images, evenly
    Map<String, Integer> uses = new HashMap<>();
    allPages(built).forEach(p -> p.controls().keySet().forEach(id -> uses.merge(id, 1, Integer::sum)));
    assertThat(uses).hasSize(4 * 6);
    assertThat(uses.values()).allSatisfy(n -> assertThat(n).isBetween(3, 4));
    // and, there being enough of them, no HIT shows a picture twice (a repeated picture would give a control away)
    for (BuiltHit hit : built.hits()) {
      assertThat(hit.pages().stream().flatMap(p -> p.images().stream()).map(ManifestImage::id).toList())
          .doesNotHaveDuplicates();
    }

    JsonNode hit = HitJson.toNode(built.hits().get(0));
    for (HitPage page : built.hits().get(0).pages()) {
      JsonNode review = hit.path("review").path("controls").path(String.valueOf(page.pageno()));
      assertThat(review.size()).isEqualTo(5);
      page.controls().forEach((id, kind) -> assertThat(review.path(id).asString()).isEqualTo(kind.reviewName()));
      assertThat(hit.path("review").path("negativeControlClass").path(String.valueOf(page.pageno())).asString())
          .isEqualTo(page.negativeControlClass());
    }
  }

  @Test
  void negativeControls_fallBackToTheSimilarClassesCandidates_whenItHasTooFewControls() {
    Manifest manifest = Fixtures.manifest("ds", 2, 20, 1);

    BuiltHits built = HitBuilder.build(manifest, BuildOptions.defaults().withPages(2).withImagesPerPage(12)
        .withControls(1, 3));

    assertThat(allPages(built)).allSatisfy(page -> {
      List<String> negatives = page.controls().entrySet().stream().filter(e -> e.getValue() == Control.NEGATIVE)
          .map(Map.Entry::getKey).toList();
      assertThat(negatives).hasSize(3).allSatisfy(id -> assertThat(id).startsWith(page.negativeControlClass() + "/"));
      assertThat(page.candidates()).hasSize(8).allSatisfy(i -> assertThat(i.classId()).isEqualTo(page.cls().id()));
    });
    // and no candidate is shown twice in one HIT, as a candidate or as a negative control
    for (BuiltHit hit : built.hits()) {
      List<String> candidateImages = hit.pages().stream().flatMap(p -> p.images().stream())
          .filter(i -> i.role() == ImageRole.CANDIDATE).map(ManifestImage::id).toList();
      assertThat(candidateImages).doesNotHaveDuplicates();
    }
  }

  @Test
  void sameManifestAndOptions_buildTheSameHits_anotherSeedOthers() {
    Manifest manifest = Fixtures.manifest("ds", 6, 50, 4);
    BuildOptions options = BuildOptions.defaults().withPages(5).withImagesPerPage(20).withControls(2, 2).withRepeats(2);

    List<String> first = HitBuilder.build(manifest, options).hits().stream().map(HitJson::toJson).toList();
    List<String> second = HitBuilder.build(Fixtures.manifest("ds", 6, 50, 4), options).hits().stream()
        .map(HitJson::toJson).toList();
    List<String> otherSeed = HitBuilder.build(manifest, options.withSeed(7)).hits().stream().map(HitJson::toJson)
        .toList();

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).hasSameSizeAs(first).isNotEqualTo(first);
  }

  @Test
  void pagesAreShuffled_candidatesAndControlsMixed() {
    Manifest manifest = Fixtures.manifest("ds", 2, 100, 10);

    BuiltHits built = HitBuilder.build(manifest, BuildOptions.defaults().withPages(2).withControls(4, 4));

    HitPage page = built.hits().get(0).pages().get(0);
    List<Integer> controlPositions = new ArrayList<>();
    for (int i = 0; i < page.images().size(); i++) {
      if (page.controls().containsKey(page.images().get(i).id())) {
        controlPositions.add(i);
      }
    }
    assertThat(controlPositions).hasSize(8).isNotEqualTo(List.of(40, 41, 42, 43, 44, 45, 46, 47));
  }

  @Test
  void notEnoughImages_everyClassIsNamed_withWhatItHasAndNeeds() {
    List<ManifestClass> classes = List.of(
        new ManifestClass("few", "n00000001", List.of("few"), "x", List.of(), "rich"),
        new ManifestClass("noControls", "n00000002", List.of("nc"), "x", List.of(), "poor"),
        new ManifestClass("noSimilar", "n00000003", List.of("ns"), "x", List.of(), null),
        new ManifestClass("rich", "n00000004", List.of("r"), "x", List.of(), "few"),
        new ManifestClass("poor", "n00000005", List.of("p"), "x", List.of(), null));
    List<ManifestImage> images = new ArrayList<>();
    add(images, "few", 5, 2);
    add(images, "noControls", 20, 0);
    add(images, "noSimilar", 20, 2);
    add(images, "rich", 20, 5);
    images.add(ManifestImage.control("poor/v0", "/poor/v0.jpg", "poor"));
    Manifest manifest = new Manifest("ds", classes, images);

    assertThatThrownBy(() -> HitBuilder.build(manifest, BuildOptions.defaults().withImagesPerPage(12)
        .withControls(2, 2)))
        .isInstanceOfSatisfying(HitBuildException.class, e -> assertThat(e.errors()).extracting(Problem::toString)
            .containsExactly(
                "class 'few': has 5 candidate image(s), but a page needs 8 candidates (12 images per page less 2"
                    + " positive and 2 negative controls); add candidates or lower --images-per-page",
                "class 'noControls': has 0 control image(s) (role 'control'), but --positive-controls 2 needs that"
                    + " many on each of its pages",
                "class 'noControls': its most similar class 'poor' has 1 image(s), but --negative-controls 2 needs"
                    + " that many on each page of 'noControls'",
                "class 'noSimilar': has no 'similarTo' class, but --negative-controls 2 takes negative controls from"
                    + " the most similar class"));
  }

  private static void add(List<ManifestImage> images, String cls, int candidates, int controls) {
    for (int i = 0; i < candidates; i++) {
      images.add(ManifestImage.candidate(cls + "/" + i, "/" + cls + "/" + i + ".jpg", cls));
    }
    for (int i = 0; i < controls; i++) {
      images.add(ManifestImage.control(cls + "/v" + i, "/" + cls + "/v" + i + ".jpg", cls));
    }
  }

  @Test
  void badOptions_areRefused() {
    Manifest manifest = Fixtures.manifest("ds", 1, 10, 0);

    assertThatThrownBy(() -> HitBuilder.build(manifest, BuildOptions.defaults().withImagesPerPage(4).withControls(2, 2)
        .withRepeats(0).withPages(0)))
        .isInstanceOfSatisfying(HitBuildException.class, e -> assertThat(e.errors()).extracting(Problem::toString)
            .containsExactly("options: --pages must be at least 1, was 0",
                "options: --repeats must be at least 1, was 0",
                "options: a page of 4 images has no room for candidates after 2 positive and 2 negative controls"));
  }

  @Test
  void noCandidatesAtAll_isAnError_classesWithoutCandidatesAreNoted() {
    Manifest onlyControls = Fixtures.manifest("ds", 2, 0, 5);
    assertThatThrownBy(() -> HitBuilder.build(onlyControls, BuildOptions.defaults()))
        .isInstanceOf(HitBuildException.class).hasMessageContaining("no candidate images");

    Manifest mixed = new Manifest("ds", Fixtures.manifest("ds", 2, 0, 0).classes(),
        Fixtures.manifest("ds", 1, 4, 0).images());
    BuiltHits built = HitBuilder.build(mixed, BuildOptions.defaults().withImagesPerPage(4));
    assertThat(built.notes()).contains("class 'c1' has no images: it gets no pages");
  }

  @Test
  void hitIds_standardNumberedOrByAHook_andIsUnique() {
    Manifest manifest = Fixtures.manifest("study", 3, 96, 4);
    BuildOptions demoLike = BuildOptions.defaults().withPages(3).withControls(2, 2).withNaming(HitNaming.numbered(2))
        .withUnique(true);

    BuiltHits built = HitBuilder.build(manifest, demoLike);

    assertThat(built.ids()).containsExactly("study-hit-01", "study-hit-02", "study-hit-03");
    assertThat(built.hits()).allSatisfy(h -> assertThat(h.unique()).isTrue());
    assertThat(HitNaming.standard().hitId("d", 7, 12)).isEqualTo("d-hit-0007");
    assertThat(HitNaming.standard().hitId("d", 7, 12345)).isEqualTo("d-hit-00007");
    assertThat(HitNaming.numbered(1).hitId("d", 7, 12)).isEqualTo("d-hit-07");
    assertThat(HitBuilder.build(manifest, demoLike.withNaming((d, n, t) -> "custom-" + n)).ids())
        .containsExactly("custom-1", "custom-2", "custom-3");
    assertThatThrownBy(() -> HitBuilder.build(manifest, demoLike.withNaming((d, n, t) -> "same")))
        .isInstanceOf(HitBuildException.class).hasMessageContaining("'same' is given to more than one HIT");
  }

  @Test
  void theHitJson_isTheSeedsShape_andControlsLookLikeCandidates() {
    Manifest manifest = Fixtures.manifest("ds", 2, 20, 3);
    BuiltHit hit = HitBuilder.build(manifest, BuildOptions.defaults().withPages(2).withImagesPerPage(10)
        .withControls(1, 1)).hits().get(0);

    JsonNode json = JSON.readTree(HitJson.toJson(hit));

    assertThat(json.propertyNames()).containsExactly("hitDatasetName", "id", "isUnique", "pages", "review");
    JsonNode page = json.get("pages").get(0);
    assertThat(page.propertyNames()).containsExactly("pageno", "class", "images");
    assertThat(page.get("class").propertyNames()).containsExactly("id", "wnid", "synset", "description", "wikipedia");
    assertThat(page.get("class").get("synset").get(0).asString()).startsWith("thing ");
    for (JsonNode image : page.get("images")) {
      assertThat(image.propertyNames()).containsExactly("id", "url");
      assertThat(image.get("url").asString()).matches("https://img\\.example\\.org/c\\d/(img|val)\\d+\\.jpg");
    }
    assertThat(json.get("isUnique").asBoolean()).isFalse();
  }

  @Test
  void aHitTooLargeForDynamoDb_isRefused() {
    Manifest manifest = Fixtures.manifest("ds", 1, 7000, 0);

    assertThatThrownBy(() -> HitBuilder.build(manifest, BuildOptions.defaults().withPages(1).withImagesPerPage(7000)))
        .isInstanceOf(HitBuildException.class).hasMessageContaining("over DynamoDB's item limit of 400 KB");
  }
}
