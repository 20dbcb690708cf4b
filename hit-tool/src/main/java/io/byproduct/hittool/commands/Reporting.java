package io.byproduct.hittool.commands;

import io.byproduct.hittool.hits.BuiltHits;
import io.byproduct.hittool.hits.HitBuildException;
import io.byproduct.hittool.hits.HitBuilder;
import io.byproduct.hittool.hits.BuildOptions;
import io.byproduct.hittool.manifest.ImageRole;
import io.byproduct.hittool.manifest.Manifest;
import io.byproduct.hittool.manifest.ManifestLoad;
import io.byproduct.hittool.manifest.Problem;
import java.io.PrintWriter;
import java.util.List;

/** Prints problems and summaries the same way for every command. */
final class Reporting {

  /** More than this many errors are counted, not listed. */
  static final int MAX_LISTED = 100;

  private Reporting() {}

  /** Prints the warnings; on errors prints them all and throws an {@link ExitCodes#INVALID_INPUT} failure. */
  static Manifest requireValid(ManifestLoad load, String source, PrintWriter err) {
    print(load.warnings(), err);
    if (!load.isValid()) {
      List<Problem> errors = load.errors();
      print(errors, err);
      throw new ToolException(ExitCodes.INVALID_INPUT, source + " has " + count(errors.size(), "error")
          + "; nothing was written.");
    }
    return load.manifest();
  }

  static BuiltHits build(Manifest manifest, BuildOptions options, PrintWriter err) {
    try {
      BuiltHits built = HitBuilder.build(manifest, options);
      built.notes().forEach(note -> err.println("note: " + note));
      return built;
    } catch (HitBuildException e) {
      print(e.errors(), err);
      throw new ToolException(ExitCodes.INVALID_INPUT, "cannot build the HITs (" + count(e.errors().size(), "error")
          + "); nothing was written.");
    }
  }

  static void print(List<Problem> problems, PrintWriter err) {
    int listed = 0;
    for (Problem problem : problems) {
      if (listed++ == MAX_LISTED) {
        err.println("... and " + (problems.size() - MAX_LISTED) + " more");
        break;
      }
      err.println((problem.isError() ? "error: " : "warning: ") + problem);
    }
    err.flush();
  }

  static String summary(Manifest manifest) {
    long controls = manifest.images().stream().filter(i -> i.role() == ImageRole.CONTROL).count();
    return "dataset '" + manifest.dataset() + "': " + count(manifest.classes().size(), "class", "classes") + ", "
        + count(manifest.images().size(), "image") + " (" + (manifest.images().size() - controls) + " candidates, "
        + controls + " controls)";
  }

  static String summary(BuiltHits built) {
    List<String> ids = built.ids();
    return count(ids.size(), "HIT") + " (" + ids.get(0) + (ids.size() > 1 ? " .. " + ids.get(ids.size() - 1) : "")
        + "), " + count(built.pages(), "page") + ", " + count(built.candidates(), "candidate") + " placed";
  }

  static String count(long n, String singular) {
    return count(n, singular, singular + "s");
  }

  static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
