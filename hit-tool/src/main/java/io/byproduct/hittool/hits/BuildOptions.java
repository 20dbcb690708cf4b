package io.byproduct.hittool.hits;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How HITs are built from a manifest.
 *
 * @param pages pages per HIT (the last HIT may have fewer)
 * @param imagesPerPage images on every page, controls included
 * @param positiveControls known images of the page's class on every page
 * @param negativeControls images of the most similar class on every page
 * @param repeats on how many pages (of different HITs) every candidate is shown
 * @param seed makes the shuffles; the same manifest and options build the same HITs
 * @param unique marks every HIT {@code isUnique} (a worker may do one HIT of the dataset)
 * @param naming the HIT ids
 */
public record BuildOptions(int pages, int imagesPerPage, int positiveControls, int negativeControls, int repeats,
    long seed, boolean unique, HitNaming naming) {

  public static final int DEFAULT_PAGES = 10;
  public static final int DEFAULT_IMAGES_PER_PAGE = 48;
  public static final long DEFAULT_SEED = 20260101L;

  public BuildOptions {
    Objects.requireNonNull(naming, "naming");
  }

  /** 10 pages of 48 images, no controls, every candidate once, the default seed. */
  public static BuildOptions defaults() {
    return new BuildOptions(DEFAULT_PAGES, DEFAULT_IMAGES_PER_PAGE, 0, 0, 1, DEFAULT_SEED, false, HitNaming.standard());
  }

  public BuildOptions withPages(int value) {
    return new BuildOptions(value, imagesPerPage, positiveControls, negativeControls, repeats, seed, unique, naming);
  }

  public BuildOptions withImagesPerPage(int value) {
    return new BuildOptions(pages, value, positiveControls, negativeControls, repeats, seed, unique, naming);
  }

  public BuildOptions withControls(int positive, int negative) {
    return new BuildOptions(pages, imagesPerPage, positive, negative, repeats, seed, unique, naming);
  }

  public BuildOptions withRepeats(int value) {
    return new BuildOptions(pages, imagesPerPage, positiveControls, negativeControls, value, seed, unique, naming);
  }

  public BuildOptions withSeed(long value) {
    return new BuildOptions(pages, imagesPerPage, positiveControls, negativeControls, repeats, value, unique, naming);
  }

  public BuildOptions withUnique(boolean value) {
    return new BuildOptions(pages, imagesPerPage, positiveControls, negativeControls, repeats, seed, value, naming);
  }

  public BuildOptions withNaming(HitNaming value) {
    return new BuildOptions(pages, imagesPerPage, positiveControls, negativeControls, repeats, seed, unique, value);
  }

  /** Candidates on every page: the images per page less the controls. */
  public int candidatesPerPage() {
    return imagesPerPage - positiveControls - negativeControls;
  }

  /** What is wrong with these options, in the command line's terms; empty if they are usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (pages < 1) {
      problems.add("--pages must be at least 1, was " + pages);
    }
    if (imagesPerPage < 1) {
      problems.add("--images-per-page must be at least 1, was " + imagesPerPage);
    }
    if (positiveControls < 0) {
      problems.add("--positive-controls must not be negative, was " + positiveControls);
    }
    if (negativeControls < 0) {
      problems.add("--negative-controls must not be negative, was " + negativeControls);
    }
    if (repeats < 1) {
      problems.add("--repeats must be at least 1, was " + repeats);
    }
    if (imagesPerPage >= 1 && positiveControls >= 0 && negativeControls >= 0 && candidatesPerPage() < 1) {
      problems.add("a page of " + imagesPerPage + " images has no room for candidates after " + positiveControls
          + " positive and " + negativeControls + " negative controls");
    }
    return problems;
  }
}
