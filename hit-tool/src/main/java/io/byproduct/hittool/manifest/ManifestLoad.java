package io.byproduct.hittool.manifest;

import java.util.List;

/**
 * What reading and checking a manifest found.
 *
 * @param manifest the manifest as read ({@code null} when the file could not be read at all)
 * @param problems every error and warning, in input order
 */
public record ManifestLoad(Manifest manifest, List<Problem> problems) {

  public ManifestLoad {
    problems = List.copyOf(problems);
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  public boolean isValid() {
    return manifest != null && errors().isEmpty();
  }

  /** The manifest, if it has no errors. */
  public Manifest requireValid() {
    if (!isValid()) {
      int errors = errors().size();
      throw new InvalidManifestException("The manifest has " + errors + (errors == 1 ? " error:" : " errors:"), problems);
    }
    return manifest;
  }
}
