package io.byproduct.hittool.commands;

import io.byproduct.hittool.hits.BuildOptions;
import io.byproduct.hittool.hits.HitNaming;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How HITs are built: pages, images per page, controls, repeats, seed. */
final class BuildOptionsMixin {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--pages", paramLabel = "N", defaultValue = "10",
      description = "Pages per HIT, one class each (default: ${DEFAULT-VALUE}; the last HIT may have fewer).")
  int pages;

  @Option(names = "--images-per-page", paramLabel = "M", defaultValue = "48",
      description = "Images on every page, controls included (default: ${DEFAULT-VALUE}).")
  int imagesPerPage;

  @Option(names = "--positive-controls", paramLabel = "K", defaultValue = "0",
      description = "Known images of the page's class (role 'control') on every page (default: ${DEFAULT-VALUE}).")
  int positiveControls;

  @Option(names = "--negative-controls", paramLabel = "K", defaultValue = "0",
      description = "Images of the class named by 'similarTo' on every page (default: ${DEFAULT-VALUE}).")
  int negativeControls;

  @Option(names = "--repeats", paramLabel = "R", defaultValue = "1",
      description = "How many HITs show each candidate, i.e. how many workers judge it (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + BuildOptions.DEFAULT_SEED,
      description = "Seed of every shuffle: the same manifest and options build the same HITs"
          + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--unique", description = "Mark every HIT isUnique: a worker may do only one HIT of the dataset.")
  boolean unique;

  @Option(names = "--hit-id-digits", paramLabel = "D", defaultValue = "4",
      description = "Digits of the number in HIT ids <dataset>-hit-0001 (default: ${DEFAULT-VALUE}; more if needed).")
  int hitIdDigits;

  BuildOptions toOptions() {
    if (hitIdDigits < 1 || hitIdDigits > 9) {
      throw new ParameterException(spec.commandLine(), "--hit-id-digits must be 1..9, was " + hitIdDigits);
    }
    BuildOptions options = new BuildOptions(pages, imagesPerPage, positiveControls, negativeControls, repeats, seed,
        unique, HitNaming.numbered(hitIdDigits));
    List<String> problems = options.problems();
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("; ", problems));
    }
    return options;
  }

  String describe() {
    return Reporting.count(pages, "page") + " of " + imagesPerPage + " images ("
        + Reporting.count(imagesPerPage - positiveControls - negativeControls, "candidate") + ", " + positiveControls
        + " positive and " + negativeControls + " negative controls) per HIT, repeats " + repeats + ", seed " + seed
        + (unique ? ", unique" : "");
  }
}
