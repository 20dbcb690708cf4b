package io.byproduct.hittool.commands;

import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.tables.Tables;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code hit-tool show}: a stored HIT with its review section. */
@Command(name = "show", sortOptions = false,
    header = "Prints a stored HIT with its review section.",
    descriptionHeading = "%n",
    description = {
        "Prints a stored HIT as JSON, with its review section (which images are controls). With --worker-view,"
            + " prints what a worker's browser gets instead (GET /api/imagenet/{dataset}/hits/{id}): no review"
            + " section."},
    optionListHeading = "%nOptions:%n")
final class ShowCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOption help;

  @Option(names = "--dataset", required = true, paramLabel = "D", description = "The HIT's dataset (hitDatasetName).")
  String dataset;

  @Option(names = "--hit", required = true, paramLabel = "ID", description = "The HIT's id (imageNetHitId).")
  String hitId;

  @Option(names = "--worker-view", description = "Print the HIT as workers see it, without the review section.")
  boolean workerView;

  @Mixin
  DynamoOptions dynamo;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DynamoProperties properties = dynamo.toProperties();
    try (DynamoDbClient client = DynamoClients.create(properties)) {
      HitStore store = new HitStore(client, new Tables(properties.tables()));
      Optional<String> hit = workerView ? store.findJson(dataset, hitId) : store.findWithReview(dataset, hitId);
      if (hit.isEmpty()) {
        throw new ToolException(ExitCodes.NOT_FOUND, "no HIT '" + hitId + "' in dataset '" + dataset + "' ("
            + dynamo.describe(properties) + ")");
      }
      out.println(JSON.writeValueAsString(JSON.readTree(hit.get())));
      out.flush();
      return ExitCodes.OK;
    } catch (SdkException e) {
      throw new ToolException(ExitCodes.UNAVAILABLE, "DynamoDB failed (" + dynamo.describe(properties) + "): "
          + e.getMessage());
    }
  }
}
