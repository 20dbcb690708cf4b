package io.byproduct.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.schemas.event.InterfaceVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelloDecoderTest {

  private final HelloDecoder decoder = new HelloDecoder(TestIngest.PSEUDONYMS, TestIngest.BINDING);

  private SessionContext decode(String hello) {
    return decoder.decode(WireJson.parse(hello.getBytes(StandardCharsets.UTF_8)));
  }

  /** A hello's fields without the capability; {@code k} is added by {@link #withCapability}. */
  private static String helloOf(String annotation, String worker, String assignment, String k) {
    return "{\"v\":1,\"s\":\"s1\",\"a\":\"" + annotation + "\",\"ds\":\"demo\",\"h\":\"hit-9\",\"w\":\"" + worker + "\","
        + "\"as\":\"" + assignment + "\",\"hi\":\"mt-hit\",\"ver\":\"NO_POINTER_ORIGINAL\"" + (k == null ? "" : ",\"k\":\"" + k + "\"") + "}";
  }

  private static String withCapability(String annotation, String worker, String assignment) {
    return helloOf(annotation, worker, assignment, TestIngest.capability(annotation, "demo", "hit-9", worker, assignment, "mt-hit"));
  }

  @Test
  void hello_isReadAndTheWorkerIdPseudonymised() {
    SessionContext context = decode(withCapability("a1", "A1RAW", "asg"));

    assertThat(context).isEqualTo(new SessionContext("s1", "a1", "demo", "hit-9", TestIngest.PSEUDONYMS.pseudonymise("A1RAW"),
        "asg", "mt-hit", InterfaceVersion.NO_POINTER_ORIGINAL));
    assertThat(context.workerPseudonym()).doesNotContain("A1RAW").hasSize(16);
  }

  /** Attack: a hello that names another worker's annotation id, with the attacker's own ids and capability. */
  @Test
  void helloWithAnotherWorkersAnnotationId_isForbidden() {
    String attackersOwn = TestIngest.capability("attacker-annotation", "demo", "hit-9", "A1ATTACKER", "asg-attacker", "mt-hit");

    assertThatThrownBy(() -> decode(helloOf("victim-annotation", "A1ATTACKER", "asg-attacker", attackersOwn)))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.FORBIDDEN);
          assertThat(r.getMessage()).startsWith("hello: k is not the capability of annotation a");
        });
  }

  /** Attack: the victim's annotation id and worker id (both semi-public), a guessed assignment id, no or a made-up k. */
  @Test
  void helloWithoutTheAssignmentsCapability_isForbidden() {
    String victims = TestIngest.capability("victim-annotation", "demo", "hit-9", "A1VICTIM", "asg-victim", "mt-hit");

    assertThat(decode(helloOf("victim-annotation", "A1VICTIM", "asg-victim", victims)).annotationId())
        .as("the victim's own hello").isEqualTo("victim-annotation");
    assertThatThrownBy(() -> decode(helloOf("victim-annotation", "A1VICTIM", "asg-guess", victims)))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.FORBIDDEN));
    assertThatThrownBy(() -> decode(helloOf("victim-annotation", "A1VICTIM", "asg-victim", "AAAAAAAAAAAAAAAAAAAAAA")))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.FORBIDDEN));
    assertThatThrownBy(() -> decode(helloOf("victim-annotation", "A1VICTIM", "asg-victim", null)))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.FORBIDDEN);
          assertThat(r.getMessage()).startsWith("hello: k (the assignment's capability) is required");
        });
  }

  @Test
  void optionalIds_mayBeNullOrAbsent() {
    String k = TestIngest.BINDING.capability("a1", null, null, null, null, null);
    SessionContext context = decode("{\"v\":1,\"s\":\"s1\",\"a\":\"a1\",\"ds\":null,\"h\":null,\"w\":null,\"ver\":\"POINTER_ORIGINAL\","
        + "\"k\":\"" + k + "\"}");
    assertThat(context.hitDatasetName()).isNull();
    assertThat(context.imageNetHitId()).isNull();
    assertThat(context.workerPseudonym()).isNull();
    assertThat(context.assignmentId()).isNull();
    assertThat(context.hitId()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      wire version 2     | {"v":2,"s":"s","a":"a","ver":"POINTER_ORIGINAL"} | hello: v must be 1..1, was 2
      session missing    | {"v":1,"a":"a","ver":"POINTER_ORIGINAL"} | hello: s is required
      annotation blank   | {"v":1,"s":"s","a":"  ","ver":"POINTER_ORIGINAL"} | hello: a must not be blank
      annotation bar     | `{"v":1,"s":"s","a":"a|b","ver":"POINTER_ORIGINAL"}` | `hello: a must not contain '|'`
      worker blank       | {"v":1,"s":"s","a":"a","w":"","ver":"POINTER_ORIGINAL"} | hello: w must not be blank
      worker a number    | {"v":1,"s":"s","a":"a","w":7,"ver":"POINTER_ORIGINAL"} | hello: w must be a string, was 7
      version unknown    | {"v":1,"s":"s","a":"a","ver":"BLUE"} | hello: ver must be one of [POINTER_ORIGINAL, NO_POINTER_ORIGINAL, POINTER_NO_ORIGINAL, NO_POINTER_NO_ORIGINAL], was 'BLUE'
      version missing    | {"v":1,"s":"s","a":"a"} | hello: ver is required
      unknown field      | {"v":1,"s":"s","a":"a","ver":"POINTER_ORIGINAL","x":1} | hello: unknown field 'x' (known: v, s, a, ds, h, w, as, hi, ver, k)
      not an object      | [1] | message: hello must be an object, was an array
      """)
  void invalidHello_isRefusedNamingTheField(String rule, String hello, String message) {
    assertThatThrownBy(() -> decode(hello))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
          assertThat(r.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void idLengthLimit_is256() {
    String k = TestIngest.BINDING.capability("a", null, null, null, null, null);
    assertThat(decode("{\"v\":1,\"s\":\"" + "s".repeat(256) + "\",\"a\":\"a\",\"ver\":\"POINTER_ORIGINAL\",\"k\":\"" + k + "\"}")
        .sessionId()).hasSize(256);
    assertThatThrownBy(() -> decode("{\"v\":1,\"s\":\"" + "s".repeat(257) + "\",\"a\":\"a\",\"ver\":\"POINTER_ORIGINAL\"}"))
        .hasMessage("hello: s must be at most 256 characters, has 257");
  }
}
