package io.byproduct.hittool.commands;

import io.byproduct.hittool.hits.BuiltHits;
import io.byproduct.hittool.manifest.Manifest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hit-tool validate}: everything {@code import} checks, nothing written. */
@Command(name = "validate", sortOptions = false,
    header = "Checks a manifest and the HITs it would build; writes nothing.",
    descriptionHeading = "%n",
    description = {
        "Checks a manifest (and --images CSV) and builds the HITs in memory with the given options, reporting every"
            + " problem with its file, line and field. Writes nothing. Exit code 0 if an import would work."},
    parameterListHeading = "%nArguments:%n", optionListHeading = "%nOptions:%n")
final class ValidateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOption help;

  @Mixin
  ManifestInput input;

  @Mixin
  BuildOptionsMixin build;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    var options = build.toOptions();
    Manifest manifest = Reporting.requireValid(input.read(), input.manifest.toString(), err);
    out.println("Manifest " + input.manifest + " is valid: " + Reporting.summary(manifest));
    BuiltHits built = Reporting.build(manifest, options, err);
    out.println("It builds " + Reporting.summary(built) + ": " + build.describe() + ".");
    out.flush();
    return ExitCodes.OK;
  }
}
