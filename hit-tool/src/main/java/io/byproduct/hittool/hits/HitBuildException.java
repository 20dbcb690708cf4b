package io.byproduct.hittool.hits;

import io.byproduct.hittool.manifest.InvalidManifestException;
import io.byproduct.hittool.manifest.Problem;
import java.util.List;

/** The manifest cannot give HITs of the options asked for (too few images, no similar class...). */
public class HitBuildException extends InvalidManifestException {

  public HitBuildException(List<Problem> problems) {
    super("Cannot build the HITs:", problems);
  }
}
