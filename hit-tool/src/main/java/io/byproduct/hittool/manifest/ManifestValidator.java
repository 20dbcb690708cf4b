package io.byproduct.hittool.manifest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules of a manifest, applied the same way to files and to manifests made in code: the
 * dataset's name here, the classes' in {@link ClassChecks}, the images' in {@link ImageChecks}.
 */
final class ManifestValidator {

  /** Letters, digits, '_', '-' and '.': the characters of DynamoDB table names, safe in keys, URLs and file names. */
  static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_.-]+");
  static final int MAX_DATASET_LENGTH = 200;

  private ManifestValidator() {}

  /**
   * @param root the manifest as a whole, for problems of no one entry
   * @param datasetUsable false if the dataset was given with a wrong type (already reported)
   */
  static Manifest validate(Where root, String dataset, Where datasetWhere, boolean datasetUsable,
      List<Located<ManifestClass>> classes, List<Located<ManifestImage>> images, List<Problem> problems) {
    if (datasetUsable) {
      checkDataset(dataset, datasetWhere, problems);
    }
    Map<String, Located<ManifestClass>> classesById = ClassChecks.check(root, classes, problems);
    ImageChecks.check(root, images, classesById, problems);
    return new Manifest(dataset, classes.stream().map(Located::value).toList(),
        images.stream().map(Located::value).toList());
  }

  /** The problem with a dataset name, or {@code null} if it is usable. */
  static String datasetProblem(String dataset) {
    if (dataset == null) {
      return "is missing: name the dataset (it becomes the HITs' hitDatasetName)";
    }
    if (dataset.isEmpty()) {
      return "must not be empty";
    }
    if (dataset.length() > MAX_DATASET_LENGTH) {
      return "is " + dataset.length() + " characters long, at most " + MAX_DATASET_LENGTH + " are allowed";
    }
    if (!DATASET.matcher(dataset).matches()) {
      Set<String> bad = new TreeSet<>();
      dataset.codePoints().filter(c -> !(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')))
          .forEach(c -> bad.add(c == ' ' ? "' ' (space)" : "'" + Character.toString(c) + "'"));
      return "'" + dataset + "' may hold only letters, digits, '_', '-' and '.' (like a DynamoDB table name), not "
          + String.join(", ", bad);
    }
    return null;
  }

  private static void checkDataset(String dataset, Where where, List<Problem> problems) {
    String problem = datasetProblem(dataset);
    if (problem != null) {
      problems.add(Problem.error(where.toString(), problem));
    }
  }
}
