package io.byproduct.hittool.manifest;

import java.util.List;

/** Checks shared by classes and images: a required field is present, an id is usable in keys. */
final class FieldChecks {

  /** As the gateway and the stream processor accept ids of events. */
  static final int MAX_ID_LENGTH = 256;

  private FieldChecks() {}

  /** Whether the value is there; reports it missing unless the field was given with a wrong type (already reported). */
  static boolean required(Located<?> located, String field, Object value, List<Problem> problems) {
    if (value != null) {
      return true;
    }
    if (located.usable(field)) {
      problems.add(Problem.error(located.at(field).toString(), "is missing"));
    }
    return false;
  }

  /** Whether the id is usable (not blank, no '|', not too long, no control characters); reports it if not. */
  static boolean checkId(String kind, String id, Where where, List<Problem> problems) {
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
}
