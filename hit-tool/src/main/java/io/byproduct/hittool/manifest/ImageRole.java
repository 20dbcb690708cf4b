package io.byproduct.hittool.manifest;

import java.util.Locale;
import java.util.Optional;

/** What an image of the manifest is for. */
public enum ImageRole {
  /** An image whose label workers decide: shown on its class's pages. */
  CANDIDATE,
  /** A known positive of its class: a positive control on its class's pages, a negative one on similar classes'. */
  CONTROL;

  /** The spelling in manifests and CSV files: {@code candidate}, {@code control}. */
  public String manifestName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ImageRole> parse(String text) {
    for (ImageRole role : values()) {
      if (role.manifestName().equals(text)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
