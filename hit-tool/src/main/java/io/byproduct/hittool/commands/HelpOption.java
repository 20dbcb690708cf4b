package io.byproduct.hittool.commands;

import picocli.CommandLine.Option;

/** {@code -h, --help} alone: subcommands use {@code --version} for the interface version. */
final class HelpOption {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
