package io.byproduct.hittool.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a manifest's images: required fields, unique ids, usable URLs, known classes; and
 * warnings for a URL given twice, a class without images, and controls whose URLs give them away.
 */
final class ImageChecks {

  private ImageChecks() {}

  static void check(Where root, List<Located<ManifestImage>> images,
      Map<String, Located<ManifestClass>> classes, List<Problem> problems) {
    Map<String, Where> ids = new HashMap<>();
    Map<String, Where> urls = new HashMap<>();
    Set<String> classesWithImages = new HashSet<>();
    Set<String> candidateFolders = new HashSet<>();
    List<Located<ManifestImage>> controls = new ArrayList<>();
    for (Located<ManifestImage> located : images) {
      ManifestImage image = located.value();
      if (FieldChecks.required(located, "id", image.id(), problems)
          && FieldChecks.checkId("image id", image.id(), located.at("id"), problems)) {
        Where first = ids.putIfAbsent(image.id(), located.where());
        if (first != null) {
          problems.add(Problem.error(located.at("id").toString(), "duplicate image id '" + image.id() + "' (first at "
              + first + ")"));
        }
      }
      if (FieldChecks.required(located, "url", image.url(), problems)) {
        String problem = UrlChecks.urlProblem(image.url());
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
      if (FieldChecks.required(located, "classID", image.classId(), problems)) {
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

  private static String folder(String url) {
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    return path.substring(0, path.lastIndexOf('/') + 1);
  }
}
