package io.byproduct.gateway.seedapi;

import static io.byproduct.gateway.api.ApiErrors.error;

import io.byproduct.gateway.api.BadRequest;
import io.byproduct.gateway.api.Blocking;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.catalog.CatalogImage;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.record.SandboxAnnotation;
import io.byproduct.schemas.record.SandboxImageRecord;
import io.byproduct.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The original front end's sandbox mode (no HIT): each Submit is {@code POST /api/annotations}
 * with one record per image and no times. Its records cannot be folded from events, so the
 * submit itself is the event: checked (known fields only, known images, each once, all of one
 * class, one version), given a content id over what is stored (the same submit twice, however
 * spelled, is one submit and counts once) and written to the {@code sandbox-annotations}
 * topic; the page assembler stores it once in {@code ImageNetSandboxAnnotation} and counts it for
 * its class and images.
 */
@RestController
class SandboxController {

  private final Catalog catalog;
  private final WorkerPseudonyms pseudonyms;
  private final Producer<String, SandboxAnnotation> producer;
  private final Topics topics;
  private final SeedApiProperties seedApi;

  SandboxController(Catalog catalog, WorkerPseudonyms pseudonyms, Producer<String, SandboxAnnotation> sandboxProducer,
      Topics topics, SeedApiProperties seedApi) {
    this.seedApi = seedApi;
    this.catalog = catalog;
    this.pseudonyms = pseudonyms;
    this.producer = sandboxProducer;
    this.topics = topics;
  }

  @PostMapping(path = "/api/annotations", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> submit(@RequestBody(required = false) String body) {
    if (!seedApi.enabled()) {
      return Mono.just(SeedApiProperties.off());
    }
    return Blocking.answer(() -> {
      SandboxBodies.Submit submit = SandboxBodies.submit(SeedBodies.parse(body));
      List<String> imageIds = submit.images().stream().map(SandboxImageRecord::getImageID).toList();
      Map<String, CatalogImage> known = catalog.findImages(imageIds);
      String classId = null;
      for (int i = 0; i < imageIds.size(); i++) {
        CatalogImage image = known.get(imageIds.get(i));
        if (image == null) {
          return error(HttpStatus.NOT_FOUND, "annotations[" + i + "].imageID: no image '" + imageIds.get(i)
              + "' (images come from a manifest imported with hit-tool)");
        }
        if (classId != null && !classId.equals(image.classID())) {
          throw new BadRequest("annotations[" + i + "].imageID: image '" + image.id() + "' is of class '"
              + image.classID() + "', the first record's of class '" + classId + "'; a submit shows one class");
        }
        classId = image.classID();
      }
      String worker = submit.workerId() == null || submit.workerId().isBlank() ? null
          : pseudonyms.pseudonymise(submit.workerId());
      SandboxAnnotation record = SandboxAnnotation.newBuilder()
          .setId(SandboxBodies.contentId(submit, worker)).setReceivedAt(System.currentTimeMillis()).setClassId(classId)
          .setVersion(submit.version())
          .setWorkerId(worker)
          .setAssignmentId(submit.assignmentId()).setHitId(submit.hitId()).setAnnotatorId(submit.annotatorId())
          .setImages(submit.images())
          .build();
      try {
        producer.send(new ProducerRecord<>(topics.sandbox.name(), record.getId(), record)).get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "the submit could not be written to Kafka; send it again");
      }
      return ResponseEntity.<Object>ok(Map.of("id", record.getId(), "classID", classId, "count", imageIds.size()));
    });
  }
}
