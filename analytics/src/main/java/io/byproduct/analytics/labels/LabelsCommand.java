package io.byproduct.analytics.labels;

import io.byproduct.analytics.ExitCodes;
import io.byproduct.analytics.export.Filters;
import io.byproduct.analytics.kafka.Instants;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.kafka.RangeSpec;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.tables.Tables;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code analytics labels}: Dawid–Skene labels and worker quality from the stored pages. */
@Command(name = "labels", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Turns the workers' selections into labels: for every (image, class) its selection frequency, majority vote"
            + " and Dawid–Skene posterior; for every worker the sensitivity and specificity EM estimated. Reads the"
            + " finished pages from the topic 'pages' (submitted pages only, each page once) and each page's class from"
            + " the HIT table.",
        "Writes DIR/image-labels.{csv,parquet} and DIR/worker-quality.{csv,parquet}."})
public final class LabelsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka = new KafkaOptions();

  @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Where the four files go.")
  Path outDir;

  @Option(names = "--dataset", paramLabel = "NAME", description = "Only this hitDatasetName.")
  String dataset;

  @Option(names = "--from-time", paramLabel = "TIME", converter = Instants.class,
      description = "Only pages that ended at or after TIME (Kafka timestamp).")
  Instant fromTime;

  @Option(names = "--to-time", paramLabel = "TIME", converter = Instants.class,
      description = "Only pages that ended before TIME.")
  Instant toTime;

  @Option(names = "--dynamo-endpoint", paramLabel = "URL",
      description = "DynamoDB endpoint of the HIT table (dynalite); default: AWS with the default credentials.")
  URI dynamoEndpoint;

  @Option(names = "--dynamo-region", paramLabel = "REGION", defaultValue = "us-east-1",
      description = "AWS region (default ${DEFAULT-VALUE}).")
  String dynamoRegion;

  @Option(names = "--table-prefix", paramLabel = "PREFIX", defaultValue = "",
      description = "Prefix of the system's table names (byproduct.dynamo.tables); default none.")
  String tablePrefix;

  @Option(names = "--tolerance", paramLabel = "X", defaultValue = "1e-6",
      description = "EM stops when no parameter moved by more than X in an iteration (default ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "200",
      description = "EM stops after N iterations at most (default ${DEFAULT-VALUE}).")
  int maxIterations;

  @Option(names = "--overwrite", description = "Replace the output files if they exist.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    if (!(tolerance > 0) || maxIterations < 1) {
      throw new ParameterException(spec.commandLine(), "--tolerance must be > 0 and --max-iterations at least 1");
    }
    DynamoProperties.TableNames names = DynamoProperties.TableNames.withPrefix(tablePrefix);
    DynamoProperties props = new DynamoProperties(dynamoEndpoint, dynamoRegion, "local", "local",
        Duration.ofSeconds(30), names);
    try (DynamoDbClient dynamo = DynamoClients.create(props)) {
      PageClasses classes = PageClasses.fromHits(new HitStore(dynamo, new Tables(names)));
      new Labeller(kafka, spec.commandLine().getOut()).run(new Filters(dataset, null, null),
          RangeSpec.times(fromTime, toTime), classes,
          new DawidSkene(tolerance, maxIterations, spec.commandLine().getOut()), outDir, overwrite);
    }
    return ExitCodes.OK;
  }
}
