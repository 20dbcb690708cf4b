package io.byproduct.hittool.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of a manifest's classes: required fields, unique ids, a likely wnid, links, and
 * {@code similarTo} naming another class.
 */
final class ClassChecks {

  static final Pattern WNID = Pattern.compile("n\\d{8}");

  private ClassChecks() {}

  /** Reports the classes' problems; returns the classes with a usable id, by id (the first of a duplicate). */
  static Map<String, Located<ManifestClass>> check(Where root, List<Located<ManifestClass>> classes,
      List<Problem> problems) {
    Map<String, Located<ManifestClass>> byId = new LinkedHashMap<>();
    for (Located<ManifestClass> located : classes) {
      ManifestClass c = located.value();
      if (FieldChecks.required(located, "id", c.id(), problems)
          && FieldChecks.checkId("class id", c.id(), located.at("id"), problems)) {
        Located<ManifestClass> first = byId.putIfAbsent(c.id(), located);
        if (first != null) {
          problems.add(Problem.error(located.at("id").toString(), "duplicate class id '" + c.id() + "' (first at "
              + first.where() + ")"));
        }
      }
      if (FieldChecks.required(located, "wnid", c.wnid(), problems)) {
        if (c.wnid().isBlank()) {
          problems.add(Problem.error(located.at("wnid").toString(), "must not be empty"));
        } else if (!WNID.matcher(c.wnid()).matches()) {
          problems.add(Problem.warning(located.at("wnid").toString(), "'" + c.wnid()
              + "' does not look like a WordNet id (n and 8 digits, e.g. n01440764)"));
        }
      }
      if (FieldChecks.required(located, "synset", c.synset(), problems)) {
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
      if (FieldChecks.required(located, "description", c.description(), problems) && c.description().isBlank()) {
        problems.add(Problem.error(located.at("description").toString(), "must not be empty: the page shows it as the"
            + " definition"));
      }
      if (located.usable("wikipedia")) {
        for (int i = 0; i < c.wikipedia().size(); i++) {
          String link = c.wikipedia().get(i);
          if (!UrlChecks.isWebUrl(link)) {
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
}
