package io.byproduct.hittool.commands;

import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.DynamoProperties.TableNames;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the HIT and catalog tables are: mapped onto the platform's {@link DynamoProperties}. */
final class DynamoOptions {

  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--dynamo-endpoint", paramLabel = "URL",
      description = "A DynamoDB-compatible endpoint, e.g. http://127.0.0.1:8000 (dynalite, devstack). Without it:"
          + " real AWS DynamoDB with the default credential chain (environment, profile, instance role).")
  URI endpoint;

  @Option(names = "--region", paramLabel = "REGION",
      description = "AWS region (default: $AWS_REGION, else $AWS_DEFAULT_REGION, else us-east-1).")
  String region;

  @Option(names = "--table", paramLabel = "NAME", defaultValue = "ImageNetHIT",
      description = "The HIT table (default: ${DEFAULT-VALUE}).")
  String table;

  @Option(names = "--class-table", paramLabel = "NAME", defaultValue = "ImageNetClass",
      description = "The catalog's class table (default: ${DEFAULT-VALUE}).")
  String classTable;

  @Option(names = "--image-table", paramLabel = "NAME", defaultValue = "ImageNetImage",
      description = "The catalog's image table (default: ${DEFAULT-VALUE}).")
  String imageTable;

  @Option(names = "--call-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Time for one DynamoDB call, retries included (default: ${DEFAULT-VALUE}).")
  int callTimeoutSeconds;

  DynamoProperties toProperties() {
    requireTableName("--table", table);
    requireTableName("--class-table", classTable);
    requireTableName("--image-table", imageTable);
    if (endpoint != null) {
      String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
        throw new ParameterException(spec.commandLine(), "--dynamo-endpoint '" + endpoint
            + "' must be an http(s) URL such as http://127.0.0.1:8000");
      }
    }
    if (callTimeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--call-timeout must be at least 1 second");
    }
    return new DynamoProperties(endpoint, region(), "local", "local", Duration.ofSeconds(callTimeoutSeconds),
        new TableNames(table, "ImageNetAnnotation", "ImageNetAnnotationPage", classTable, imageTable,
            "ImageNetSandboxAnnotation"));
  }

  private void requireTableName(String option, String name) {
    if (!TABLE_NAME.matcher(name).matches()) {
      throw new ParameterException(spec.commandLine(), option + " '" + name + "' must be 3 to 255 letters, digits, '_',"
          + " '-' or '.'");
    }
  }

  String region() {
    if (region != null && !region.isBlank()) {
      return region.trim();
    }
    for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return "us-east-1";
  }

  String describe(DynamoProperties properties) {
    return "table " + properties.tables().hit() + " at " + DynamoClients.describe(properties);
  }
}
