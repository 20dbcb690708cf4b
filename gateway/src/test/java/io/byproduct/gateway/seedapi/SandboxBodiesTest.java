package io.byproduct.gateway.seedapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.gateway.api.BadRequest;
import io.byproduct.schemas.record.SandboxImageRecord;
import org.junit.jupiter.api.Test;

class SandboxBodiesTest {

  private static final String RECORD = "{\"selectedCount\":1,\"hoveredCount\":3,\"selected\":true,"
      + "\"mousePoint\":{\"x\":0.25,\"y\":0.5},\"imagePosition\":{\"x\":12.6,\"y\":300},\"imageWidth\":340,"
      + "\"imageHeight\":255,\"originalImageWidth\":500,\"originalImageHeight\":375,\"estimateTime\":812.4,"
      + "\"mouseTracking\":[{\"x\":0.1,\"y\":0.2}],\"annotatorID\":\"\",\"workerID\":\"W1\",\"assignmentID\":\"A1\","
      + "\"hitID\":\"H1\",\"imageID\":\"n01/n01_1\",\"version\":\"POINTER_ORIGINAL\"}";

  private static SandboxBodies.Submit submit(String body) {
    return SandboxBodies.submit(SeedBodies.parse(body));
  }

  @Test
  void readsTheOriginalsRecord() {
    SandboxBodies.Submit submit = submit("{\"annotations\":[" + RECORD + "]}");

    assertThat(submit.version()).isEqualTo("POINTER_ORIGINAL");
    assertThat(submit.workerId()).isEqualTo("W1");
    assertThat(submit.assignmentId()).isEqualTo("A1");
    SandboxImageRecord image = submit.images().get(0);
    assertThat(image.getImageID()).isEqualTo("n01/n01_1");
    assertThat(image.getSelected()).isTrue();
    assertThat(image.getHoveredCount()).isEqualTo(3);
    assertThat(image.getMousePoint().getX()).isEqualTo(0.25);
    assertThat(image.getImagePosition().getX()).isEqualTo(13);
    assertThat(image.getEstimateTime()).isEqualTo(812);
    assertThat(image.getMouseTracking()).hasSize(1);
  }

  private static String id(String body) {
    return SandboxBodies.contentId(submit(body), "P-1");
  }

  @Test
  void theSameRequest_hasTheSameId_whateverItsKeyOrderOrSpacing_andAnotherRequestAnother() {
    String reordered = "{ \"annotations\" : [ {\"version\":\"POINTER_ORIGINAL\",\"imageID\":\"n01/n01_1\","
        + RECORD.substring(1).replace(",\"imageID\":\"n01/n01_1\",\"version\":\"POINTER_ORIGINAL\"", "") + " ] }";
    String other = "{\"annotations\":[" + RECORD.replace("\"hoveredCount\":3", "\"hoveredCount\":4") + "]}";

    String id = id("{\"annotations\":[" + RECORD + "]}");
    assertThat(id).matches("sandbox-[0-9a-f]{32}");
    assertThat(id(reordered)).isEqualTo(id);
    assertThat(id(other)).isNotEqualTo(id);
    assertThat(SandboxBodies.contentId(submit("{\"annotations\":[" + RECORD + "]}"), "P-2")).as("another worker")
        .isNotEqualTo(id);
  }

  /** The attack: the same record sent again with a change that stores nothing new, to count again. */
  @Test
  void theSameSubmitSpelledAnotherWay_hasTheSameId_soItCountsOnce() {
    String second = RECORD.replace("n01/n01_1", "n01/n01_2");
    String id = id("{\"annotations\":[" + RECORD + "," + second + "]}");

    assertThat(id("{\"annotations\":[" + second + "," + RECORD + "]}")).as("records in another order").isEqualTo(id);
    assertThat(id("{\"annotations\":[" + RECORD.replace("\"imageWidth\":340", "\"imageWidth\":340.0")
        .replace("\"estimateTime\":812.4", "\"estimateTime\":8.121e2").replace("\"x\":12.6", "\"x\":13.2") + ","
        + second + "]}")).as("numbers spelled otherwise, the same once rounded as stored").isEqualTo(id);
    assertThat(id("{\"annotations\":[" + RECORD + "," + second.replace("\"workerID\":\"W1\"", "\"workerID\":\"W9\"")
        + "]}")).as("a later record's repeated ids are not stored").isEqualTo(id);
    assertThat(id("{\"annotations\":[" + RECORD.replace("\"annotatorID\":\"\",", "\"annotatorID\":\"\",\"hoveredCount\":3,")
        .replace("\"hoveredCount\":3,\"selected\"", "\"selected\"") + "," + second + "]}")).isEqualTo(id);
    assertError("{\"annotations\":[" + RECORD.replace("\"version\"", "\"junk\":1,\"version\"") + "]}",
        "annotations[0].junk: unknown field");
  }

  @Test
  void unknownFields_anywhere_areRefusedByName() {
    assertError("{\"annotations\":[" + RECORD + "],\"nonce\":1}", "nonce: unknown field");
    assertError("{\"annotations\":[" + RECORD.replace("{\"x\":0.25,\"y\":0.5}", "{\"x\":0.25,\"y\":0.5,\"z\":1}") + "]}",
        "annotations[0].mousePoint.z: unknown field");
    assertError("{\"annotations\":[" + RECORD.replace("{\"x\":12.6,\"y\":300}", "{\"x\":12.6,\"y\":300,\"n\":0}") + "]}",
        "annotations[0].imagePosition.n: unknown field");
    assertError("{\"annotations\":[" + RECORD.replace("{\"x\":0.1,\"y\":0.2}", "{\"x\":0.1,\"y\":0.2,\"t\":5}") + "]}",
        "annotations[0].mouseTracking[0].t: unknown field");
    assertError("{\"annotations\":[" + RECORD + "," + RECORD + "]}", "annotations[1].imageID: 'n01/n01_1' is named by an earlier");
  }

  @Test
  void errorsNameTheField() {
    assertError("{}", "annotations: required");
    assertError("{\"annotations\":[]}", "annotations: required");
    assertError("{\"annotations\":[1]}", "annotations[0]: must be an object");
    assertError("{\"annotations\":[" + RECORD.replace("\"POINTER_ORIGINAL\"", "\"RANDOM\"") + "]}",
        "annotations[0].version: must be one of");
    assertError("{\"annotations\":[" + RECORD + "," + RECORD.replace("\"POINTER_ORIGINAL\"", "\"NO_POINTER_ORIGINAL\"")
        + "]}", "annotations[1].version: 'NO_POINTER_ORIGINAL' differs");
    assertError("{\"annotations\":[" + RECORD.replace("\"selected\":true", "\"selected\":1") + "]}",
        "annotations[0].selected");
    assertError("{\"annotations\":[" + RECORD.replace("\"imageWidth\":340", "\"imageWidth\":-1") + "]}",
        "annotations[0].imageWidth");
    assertError("{\"annotations\":[" + RECORD.replace("{\"x\":0.1,\"y\":0.2}", "{\"x\":\"a\"}") + "]}",
        "annotations[0].mouseTracking[0].x");
    assertError("{\"annotations\":[" + RECORD.replace("\"selectedCount\":1", "\"selectedCount\":1.5") + "]}",
        "annotations[0].selectedCount");
    assertError("{\"annotations\":[" + RECORD.replace("\"imageID\":\"n01/n01_1\",", "") + "]}",
        "annotations[0].imageID: required");
    assertError("{\"annotations\":[" + (RECORD + ",").repeat(SandboxBodies.MAX_RECORDS) + RECORD + "]}",
        "annotations: at most 1000 records");
  }

  private static void assertError(String body, String message) {
    assertThatThrownBy(() -> submit(body)).isInstanceOf(BadRequest.class).hasMessageStartingWith(message);
  }
}
