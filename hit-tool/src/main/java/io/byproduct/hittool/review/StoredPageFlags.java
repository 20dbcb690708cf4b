package io.byproduct.hittool.review;

import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flags from what is stored: the assignment's annotation in {@code ImageNetAnnotation}, its pages
 * in {@code ImageNetAnnotationPage} and its HIT's pages and controls in {@code ImageNetHIT}; then
 * {@link FlagRules}. Only submitted pages of the HIT count.
 *
 * <p>The annotation is the one our page started for this assignment: among the annotations stored
 * with the assignment id (one scan of the table), the one whose id is the {@link AssignmentBinding}
 * derivation of (dataset, HIT, the worker's pseudonym, assignment id, MTurk HIT id) under the
 * worker-id key. The seed API lets anyone store an annotation that claims any assignment id; such
 * an annotation is never taken for the worker's work. An assignment without one has no stored work.
 */
public final class StoredPageFlags implements FlagsSource {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private record Annotation(String id, String dataset, String imageNetHitId) {}

  private final HitStore hits;
  private final PageReader pages;
  private final FlagRules rules;
  private final Map<String, List<Annotation>> byAssignment = new HashMap<>();
  private final WorkerPseudonyms pseudonyms;
  private final AssignmentBinding binding;

  /** @param workerIdKey the gateway's {@code byproduct.gateway.worker-id-key} */
  public StoredPageFlags(DynamoDbClient dynamo, Tables tables, FlagRules rules, String workerIdKey) {
    this.pseudonyms = new WorkerPseudonyms(workerIdKey);
    this.binding = new AssignmentBinding(workerIdKey);
    this.hits = new HitStore(dynamo, tables);
    this.pages = new PageReader(dynamo, tables);
    this.rules = rules;
    ScanRequest scan = ScanRequest.builder().tableName(tables.names().annotation()).consistentRead(true)
        .projectionExpression("#id, assignmentID, #ds, imageNetHitID")
        .expressionAttributeNames(Map.of("#id", Tables.ANNOTATION_HASH, "#ds", Tables.DATASET))
        .build();
    dynamo.scanPaginator(scan).items().forEach(item -> {
      AttributeValue assignment = item.get("assignmentID");
      if (assignment != null && assignment.s() != null) {
        byAssignment.computeIfAbsent(assignment.s(), k -> new ArrayList<>()).add(new Annotation(item.get(Tables.ANNOTATION_HASH).s(),
            text(item.get(Tables.DATASET)), text(item.get("imageNetHitID"))));
      }
    });
  }

  @Override
  public List<Flag> flagsOf(ReviewPolicy.Submission s) {
    String pseudonym = pseudonyms.pseudonymise(s.workerId());
    Annotation annotation = byAssignment.getOrDefault(s.assignmentId(), List.of()).stream()
        .filter(a -> a.dataset() != null && a.imageNetHitId() != null)
        .filter(a -> binding.isDerived(a.id(), a.dataset(), a.imageNetHitId(), pseudonym, s.assignmentId(), s.hitId()))
        .findFirst().orElse(null);
    if (annotation == null) {
      return rules.evaluate(List.of());
    }
    Optional<String> hitJson = hits.findWithReview(annotation.dataset(), annotation.imageNetHitId());
    if (hitJson.isEmpty()) {
      return rules.evaluate(List.of());
    }
    JsonNode hit = JSON.readTree(hitJson.get());
    JsonNode controls = hit.path(HitStore.REVIEW).path("controls");
    List<StoredPage> stored = new ArrayList<>();
    for (JsonNode hitPage : hit.path("pages")) {
      int pageNo = hitPage.path("pageno").asInt();
      pages.read(annotation.id(), pageNo)
          .filter(page -> "SUBMITTED".equals(page.path("status").asString("SUBMITTED")))
          .ifPresent(page -> stored.add(storedPage(pageNo, page, controls.path(String.valueOf(pageNo)))));
    }
    return rules.evaluate(stored);
  }

  private static StoredPage storedPage(int pageNo, JsonNode page, JsonNode pageControls) {
    List<StoredPage.Image> images = new ArrayList<>();
    for (JsonNode image : page.path("annotations")) {
      images.add(new StoredPage.Image(image.path("imageID").asString(""), image.path("selected").asBoolean(false),
          image.path("hoveredCount").asInt(0)));
    }
    Map<String, StoredPage.Control> controls = new HashMap<>();
    pageControls.properties().forEach(e -> controls.put(e.getKey(),
        "positive".equals(e.getValue().asString("")) ? StoredPage.Control.POSITIVE : StoredPage.Control.NEGATIVE));
    long duration = page.path("endedAt").asLong(0) - page.path("startedAt").asLong(0);
    return new StoredPage(pageNo, duration, images, controls);
  }

  private static String text(AttributeValue value) {
    return value == null ? null : value.s();
  }
}
