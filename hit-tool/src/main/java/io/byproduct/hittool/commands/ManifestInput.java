package io.byproduct.hittool.commands;

import io.byproduct.hittool.manifest.ManifestLoad;
import io.byproduct.hittool.manifest.ManifestReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The manifest and an optional images CSV. */
final class ManifestInput {

  @Parameters(index = "0", paramLabel = "MANIFEST",
      description = "The manifest: a JSON file with the dataset, its classes and (optionally) its images.")
  Path manifest;

  @Option(names = "--images", paramLabel = "FILE.csv",
      description = "More images, one per line: id,url,classID[,role] (a header line is optional; role is"
          + " 'candidate' (default) or 'control').")
  Path imagesCsv;

  ManifestLoad read() {
    return ManifestReader.read(manifest, imagesCsv);
  }
}
