package io.byproduct.hittool.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The rules of a manifest, applied the same way to files and to manifests made in code. */
final class ManifestValidator {

  /** Letters, digits, '_', '-' and '.': the characters of DynamoDB table names, safe in keys, URLs and file names. */
  static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_.-]+");
  static final int MAX_DATASET_LENGTH = 200;
  /** As the gateway and the stream processor accept ids of events. */
  static final int MAX_ID_LENGTH = 256;
  static final Pattern WNID = Pattern.compile("n\\d{8}");

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
    Map<String, Located<ManifestClass>> classesById = checkClasses(root, classes, problems);
    checkImages(root, images, classesById, problems);
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

  private static Map<String, Located<ManifestClass>> checkClasses(Where root, List<Located<ManifestClass>> classes,
      List<Problem> problems) {
    Map<String, Located<ManifestClass>> byId = new LinkedHashMap<>();
    for (Located<ManifestClass> located : classes) {
      ManifestClass c = located.value();
      if (required(located, "id", c.id(), problems) && checkId("class id", c.id(), located.at("id"), problems)) {
        Located<ManifestClass> first = byId.putIfAbsent(c.id(), located);
        if (first != null) {
          problems.add(Problem.error(located.at("id").toString(), "duplicate class id '" + c.id() + "' (first at "
              + first.where() + ")"));
        }
      }
      if (required(located, "wnid", c.wnid(), problems)) {
        if (c.wnid().isBlank()) {
          problems.add(Problem.error(located.at("wnid").toString(), "must not be empty"));
        } else if (!WNID.matcher(c.wnid()).matches()) {
          problems.add(Problem.warning(located.at("wnid").toString(), "'" + c.wnid()
              + "' does not look like a WordNet id (n and 8 digits, e.g. n01440764)"));
        }
      }
      if (required(located, "synset", c.synset(), problems)) {
        if (c.synset().isEmpty()) {
          problems.add(Problem.error(located.at("synset").toString(), "needs at least one synonym: the page's heading"
              + " shows them"));
        }
        for (int i = 0; i < c.synset().size(); i++) {
          if (c.synset().get(i).isBlank()) {
            problems.add(Problem.error(located.at("synset") + "[" + i + "]", "must not be empty"));
          }
        }
      }
      if (required(located, "description", c.description(), problems) && c.description().isBlank()) {
        problems.add(Problem.error(located.at("description").toString(), "must not be empty: the page shows it as the"
            + " definition"));
      }
      if (located.usable("wikipedia")) {
        for (int i = 0; i < c.wikipedia().size(); i++) {
          String link = c.wikipedia().get(i);
          if (!isWebUrl(link)) {
            problems.add(Problem.error(located.at("wikipedia") + "[" + i + "]", "'" + link
                + "' is not an http(s) URL"));
          }
        }
      }
    }
    if (classes.isEmpty()) {
      problems.add(Problem.error(root.child("classes").toString(), "a manifest needs at least one class"));
    }
    for (Located<ManifestClass> located : classes) {
      String similar = located.value().similarTo();
      if (similar == null || !located.usable("similarTo")) {
        continue;
      }
      if (similar.equals(located.value().id())) {
        problems.add(Problem.error(located.at("similarTo").toString(), "a class cannot be most similar to itself"));
      } else if (!byId.containsKey(similar)) {
        problems.add(Problem.error(located.at("similarTo").toString(), "'" + similar + "' is not a class id of this"
            + " manifest"));
      }
    }
    return byId;
  }

  private static void checkImages(Where root, List<Located<ManifestImage>> images,
      Map<String, Located<ManifestClass>> classes, List<Problem> problems) {
    Map<String, Where> ids = new HashMap<>();
    Map<String, Where> urls = new HashMap<>();
    Set<String> classesWithImages = new HashSet<>();
    Set<String> candidateFolders = new HashSet<>();
    List<Located<ManifestImage>> controls = new ArrayList<>();
    for (Located<ManifestImage> located : images) {
      ManifestImage image = located.value();
      if (required(located, "id", image.id(), problems) && checkId("image id", image.id(), located.at("id"), problems)) {
        Where first = ids.putIfAbsent(image.id(), located.where());
        if (first != null) {
          problems.add(Problem.error(located.at("id").toString(), "duplicate image id '" + image.id() + "' (first at "
              + first + ")"));
        }
      }
      if (required(located, "url", image.url(), problems)) {
        String problem = urlProblem(image.url());
        if (problem != null) {
          problems.add(Problem.error(located.at("url").toString(), problem));
        } else {
          Where first = urls.putIfAbsent(image.url(), located.where());
          if (first != null) {
            problems.add(Problem.warning(located.at("url").toString(), "the same url as the image at " + first
                + ": a worker would see the picture twice"));
          }
          if (image.role() == ImageRole.CANDIDATE) {
            candidateFolders.add(folder(image.url()));
          } else {
            controls.add(located);
          }
        }
      }
      if (required(located, "classID", image.classId(), problems)) {
        if (!classes.containsKey(image.classId())) {
          problems.add(Problem.error(located.at("classID").toString(), "'" + image.classId()
              + "' is not a class id of this manifest"));
        } else {
          classesWithImages.add(image.classId());
        }
      }
    }
    if (images.isEmpty()) {
      problems.add(Problem.error(root.child("images").toString(), "no images: list them in the manifest's 'images' or"
          + " give --images FILE.csv"));
    }
    for (Located<ManifestClass> c : classes.values()) {
      if (!classesWithImages.contains(c.value().id())) {
        problems.add(Problem.warning(c.where().toString(), "class '" + c.value().id() + "' has no images"));
      }
    }
    List<Located<ManifestImage>> apart = controls.stream()
        .filter(c -> !candidateFolders.isEmpty() && !candidateFolders.contains(folder(c.value().url()))).toList();
    if (!apart.isEmpty()) {
      problems.add(Problem.warning(apart.get(0).at("url").toString(), apart.size() + " control image(s) are served from"
          + " places no candidate is (e.g. '" + folder(apart.get(0).value().url()) + "'): a worker could tell controls"
          + " from candidates by their URLs; serve them from where the candidates are"));
    }
  }

  private static boolean required(Located<?> located, String field, Object value, List<Problem> problems) {
    if (value != null) {
      return true;
    }
    if (located.usable(field)) {
      problems.add(Problem.error(located.at(field).toString(), "is missing"));
    }
    return false;
  }

  private static boolean checkId(String kind, String id, Where where, List<Problem> problems) {
    String problem = null;
    if (id.isBlank()) {
      problem = "must not be empty";
    } else if (id.indexOf('|') >= 0) {
      problem = kind + " '" + id + "' must not contain '|' (the event pipeline uses it to join keys)";
    } else if (id.length() > MAX_ID_LENGTH) {
      problem = kind + " is " + id.length() + " characters long, at most " + MAX_ID_LENGTH + " are allowed";
    } else if (id.codePoints().anyMatch(Character::isISOControl)) {
      problem = kind + " '" + id.replaceAll("\\p{Cntrl}", "?") + "' must not contain control characters";
    }
    if (problem != null) {
      problems.add(Problem.error(where.toString(), problem));
      return false;
    }
    return true;
  }

  /** The problem with an image URL, or {@code null}: it must be an http(s) URL or a path starting with '/'. */
  static String urlProblem(String url) {
    if (url.isBlank()) {
      return "must not be empty";
    }
    if (url.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      return "'" + url + "' must not contain spaces or control characters (write a space as %20)";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "'" + url + "' is not a valid URL: " + e.getReason();
    }
    if (url.startsWith("/") || isWebUrl(uri)) {
      return null;
    }
    return "'" + url + "' must be an http(s) URL or a path on the gateway starting with '/'";
  }

  private static boolean isWebUrl(String text) {
    try {
      return isWebUrl(new URI(text));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isWebUrl(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
  }

  private static String folder(String url) {
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    return path.substring(0, path.lastIndexOf('/') + 1);
  }
}
