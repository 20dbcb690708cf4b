package io.byproduct.gateway.ingest;

import static io.byproduct.gateway.ingest.TestIngest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.byproduct.schemas.event.FocusChanged;
import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.event.VisibilityChanged;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kind decodes to its Avro payload with the right values; every rule refuses with its code and names the field. */
class FrameDecoderTest {

  private static final SessionContext SESSION = new SessionContext("sess-1", "ann-1", "demo", "hit-1",
      TestIngest.PSEUDONYMS.pseudonymise("A1RAWWORKER"), "asg-1", "mturk-hit-1", InterfaceVersion.POINTER_NO_ORIGINAL);
  private static final List<String> TABLE = List.of("n01440764/n01440764_105", "n01440764/n01440764_2007");

  private final FrameDecoder decoder = new FrameDecoder(IngestProperties.defaults());

  private DecodedFrame decode(String frameJson, List<String> images) {
    return decoder.decode(WireJson.parse(frameJson.getBytes(StandardCharsets.UTF_8)), "frame", SESSION, images, NOW);
  }

  private Object payloadOf(String event) {
    return decode("{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"e\":[" + event + "]}", TABLE).events().get(0).getPayload();
  }

  private static String frame(String events) {
    return "{\"q\":7,\"p\":3,\"t0\":" + NOW + ",\"e\":[" + events + "]}";
  }

  @Test
  void envelope_carriesSessionSeqTimesAndPseudonym() {
    DecodedFrame frame = decode("{\"q\":41,\"p\":2,\"t0\":" + (NOW - 5000) + ",\"e\":[[3,0,1],[2,16,1,5000,2500],[4,40,1]]}", TABLE);

    assertThat(frame.firstSeq()).isEqualTo(41);
    assertThat(frame.lastSeq()).isEqualTo(43);
    assertThat(frame.imageTable()).isNull();
    InteractionEvent sample = frame.events().get(1);
    assertThat(sample.getEventId()).isEqualTo("sess-1:42");
    assertThat(sample.getSessionId()).isEqualTo("sess-1");
    assertThat(sample.getSeq()).isEqualTo(42);
    assertThat(sample.getAnnotationId()).isEqualTo("ann-1");
    assertThat(sample.getHitDatasetName()).isEqualTo("demo");
    assertThat(sample.getImageNetHitId()).isEqualTo("hit-1");
    assertThat(sample.getPageNo()).isEqualTo(2);
    assertThat(sample.getWorkerId()).isEqualTo(TestIngest.PSEUDONYMS.pseudonymise("A1RAWWORKER")).isNotEqualTo("A1RAWWORKER");
    assertThat(sample.getAssignmentId()).isEqualTo("asg-1");
    assertThat(sample.getHitId()).isEqualTo("mturk-hit-1");
    assertThat(sample.getVersion()).isEqualTo(InterfaceVersion.POINTER_NO_ORIGINAL);
    assertThat(sample.getClientTime()).isEqualTo(NOW - 5000 + 16);
    assertThat(sample.getGatewayTime()).isEqualTo(NOW);
  }

  @Test
  void pageOpened_takesTheFramesImageTable() {
    DecodedFrame frame = decode("{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"img\":[\"a/1\",\"a/2\",\"a/3\"],"
        + "\"e\":[[0,0,\"c7\",\"n01440764\",[\"tench\",\"Tinca tinca\"],10]]}", null);

    assertThat(frame.imageTable()).containsExactly("a/1", "a/2", "a/3");
    assertThat(frame.events().get(0).getPayload()).isEqualTo(
        new PageOpened("c7", "n01440764", List.of("tench", "Tinca tinca"), List.of("a/1", "a/2", "a/3"), 10));
    PageOpened withoutWnid = (PageOpened) decode("{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"img\":[\"a/1\"],"
        + "\"e\":[[0,0,\"c7\",null,[],1]]}", null).events().get(0).getPayload();
    assertThat(withoutWnid.getWnid()).isNull();
    assertThat(withoutWnid.getSynset()).isEmpty();
  }

  @Test
  void imageLaidOut_keepsCssPixelsAndNaturalSize() {
    assertThat(payloadOf("[1,0,1,352.5,1204,340,255.25,500,375]"))
        .isEqualTo(new ImageLaidOut("n01440764/n01440764_2007", 352.5, 1204.0, 340.0, 255.25, 500, 375));
  }

  @Test
  void pointerSample_convertsFixedPointToFractions() {
    assertThat(payloadOf("[2,0,0,1234,9999]")).isEqualTo(new PointerSample("n01440764/n01440764_105", 0.1234, 0.9999));
    PointerSample corner = (PointerSample) payloadOf("[2,0,0,0,10000]");
    assertThat(corner.getX()).isEqualTo(0.0);
    assertThat(corner.getY()).isEqualTo(1.0);
    PointerSample one = (PointerSample) payloadOf("[2,0,0,1,5000]");
    assertThat(one.getX()).isCloseTo(0.0001, within(1e-12));
    assertThat(one.getY()).isEqualTo(0.5);
  }

  @Test
  void hoverSelectionVisibilityFocus() {
    assertThat(payloadOf("[3,0,1]")).isEqualTo(new HoverChanged("n01440764/n01440764_2007", true));
    assertThat(payloadOf("[4,0,1]")).isEqualTo(new HoverChanged("n01440764/n01440764_2007", false));
    assertThat(payloadOf("[5,0,0,2500,7500,1]")).isEqualTo(new SelectionToggled("n01440764/n01440764_105", 0.25, 0.75, true));
    assertThat(payloadOf("[5,0,0,2500,7500,0]")).isEqualTo(new SelectionToggled("n01440764/n01440764_105", 0.25, 0.75, false));
    assertThat(payloadOf("[6,0,0]")).isEqualTo(new VisibilityChanged(false));
    assertThat(payloadOf("[6,0,1]")).isEqualTo(new VisibilityChanged(true));
    assertThat(payloadOf("[7,0,1]")).isEqualTo(new FocusChanged(true));
    assertThat(payloadOf("[7,0,0]")).isEqualTo(new FocusChanged(false));
  }

  @Test
  void submittedStartedFinished() {
    assertThat(payloadOf("[8,0,\"page-uuid\"," + (NOW - 60_000) + ",1]"))
        .isEqualTo(new PageSubmitted("page-uuid", NOW - 60_000, true));
    assertThat(payloadOf("[9,0," + (NOW - 1000) + ",\"\"]")).isEqualTo(new HitStarted(NOW - 1000, ""));
    assertThat(payloadOf("[10,0,10]")).isEqualTo(new HitFinished(10));
  }

  @Test
  void emptyFrame_isAcceptedWithoutEvents() {
    DecodedFrame frame = decode("{\"q\":5,\"p\":1,\"t0\":" + NOW + ",\"e\":[]}", null);
    assertThat(frame.size()).isZero();
    assertThat(frame.lastSeq()).isEqualTo(4);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      x above 10000               | [2,0,0,12000,5] | e[0][3]: x must be 0..10000, was 12000
      y below 0                   | [2,0,0,5,-1] | e[0][4]: y must be 0..10000, was -1
      x not an integer            | [2,0,0,0.5,5] | e[0][3]: x must be an integer 0..10000, was 0.5
      x a string                  | [2,0,0,"5",5] | e[0][3]: x must be an integer 0..10000, was a string
      x null                      | [2,0,0,null,5] | e[0][3]: x must be an integer 0..10000, was null
      image index outside table   | [2,0,2,5,5] | e[0][2]: i must be an index into the image table 0..1, was 2
      image index negative        | [3,0,-1] | e[0][2]: i must be ≥ 0, was -1
      dt negative                 | [3,-1,0] | e[0][1]: dt must be 0..600000, was -1
      dt above ten minutes        | [3,600001,0] | e[0][1]: dt must be 0..600000, was 600001
      too few elements            | [2,0,0,5] | e[0]: PointerSample must have 5 elements [2,dt,i,x,y], has 4
      too many elements           | [3,0,0,1] | e[0]: HoverChanged must have 3 elements [3,dt,i], has 4
      event not an array          | {"k":2} | e[0]: an event must be a non-empty array [kind,dt,...], was an object
      empty event                 | [] | e[0]: an event must be a non-empty array [kind,dt,...], was an empty array
      kind not a number           | ["2",0] | e[0][0]: kind must be an integer 0..10, was a string
      selected flag 2             | [5,0,0,5,5,2] | e[0][5]: selected must be 0 or 1, was 2
      visible true literal        | [6,0,true] | e[0][2]: visible must be 0 or 1, was true
      laid out width negative     | [1,0,0,0,0,-3,10,1,1] | e[0][5]: w must be 0.0..1000000.0, was -3
      natural height fractional   | [1,0,0,0,0,3,10,1,1.5] | e[0][8]: nh must be an integer 0..1000000, was 1.5
      page id blank               | [8,0," ",1,0] | e[0][2]: pageId must not be blank
      page id with bar            | `[8,0,"a|b",1,0]` | `e[0][2]: pageId must not contain '|'`
      startedAt after the event   | [8,0,"p",1767225600001,0] | e[0][3]: startedAt must be 0..1767225600000, was 1767225600001
      pageCount zero at finish    | [10,0,0] | e[0][2]: pageCount must be 1..9999, was 0
      annotator with bar          | `[9,0,1,"a|b"]` | `e[0][3]: annotatorId must not contain '|'`
      page opened without img     | [0,0,"c",null,[],1] | e[0]: PageOpened needs the frame's image table 'img' (its image list)
      class id missing            | [0,0,null,null,[],1] | e[0][2]: classId must be a string, was null
      synset word not a string    | [0,0,"c",null,[1],1] | e[0][4]: synset[0] must be a string, was 1
      """)
  void invalidEvent_isRefusedAsInvalidFieldNamingIt(String rule, String event, String message) {
    assertThatThrownBy(() -> decode(frame(event), TABLE))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
          assertThat(r.firstSeq()).isEqualTo(7);
          assertThat(r.getMessage()).isEqualTo(message);
        });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      seq zero                    | {"q":0,"p":1,"t0":1767225600000,"e":[]} | frame: q must be 1..9007199254740991, was 0
      seq missing                 | {"p":1,"t0":1767225600000,"e":[]} | frame: q is required
      seq fractional              | {"q":1.5,"p":1,"t0":1767225600000,"e":[]} | frame: q must be an integer 1..9007199254740991, was 1.5
      page zero                   | {"q":1,"p":0,"t0":1767225600000,"e":[]} | frame: p must be 1..9999, was 0
      page above 9999             | {"q":1,"p":10000,"t0":1767225600000,"e":[]} | frame: p must be 1..9999, was 10000
      t0 missing                  | {"q":1,"p":1,"e":[]} | frame: t0 is required
      t0 two days early           | {"q":1,"p":1,"t0":1767052800000,"e":[]} | frame: t0 must be within PT24H of the gateway's clock 1767225600000, was 1767052800000 (PT-48H off)
      e missing                   | {"q":1,"p":1,"t0":1767225600000} | frame: e is required
      e an object                 | {"q":1,"p":1,"t0":1767225600000,"e":{}} | frame: e must be an array, was an object
      unknown field               | {"q":1,"p":1,"t0":1767225600000,"e":[],"x":1} | frame: unknown field 'x' (known: q, p, t0, img, e)
      img with bar                | `{"q":1,"p":1,"t0":1767225600000,"img":["a","b|c"],"e":[]}` | `frame: img[1] must not contain '|'`
      img blank                   | {"q":1,"p":1,"t0":1767225600000,"img":[""],"e":[]} | frame: img[0] must not be blank
      frame an array              | [1,2] | frame: a frame must be a JSON object, was an array
      """)
  void invalidFrame_isRefusedAsInvalidFieldNamingIt(String rule, String frame, String message) {
    assertThatThrownBy(() -> decode(frame, TABLE))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
          assertThat(r.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void idLongerThan256_isRefused() {
    String id = "i".repeat(257);
    assertThatThrownBy(() -> decode("{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"img\":[\"" + id + "\"],\"e\":[]}", null))
        .hasMessage("frame: img[0] must be at most 256 characters, has 257");
    assertThat(decode("{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"img\":[\"" + "i".repeat(256) + "\"],\"e\":[]}", null)
        .imageTable()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 42, -1})
  void unknownKind_isRefusedWithItsOwnCode(long kind) {
    assertThatThrownBy(() -> decode(frame("[3,0,0],[" + kind + ",0]"), TABLE))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_KIND);
          assertThat(r.firstSeq()).isEqualTo(7);
          assertThat(r.getMessage()).isEqualTo("e[1][0]: unknown kind " + kind + " (known: 0..10)");
        });
  }

  @Test
  void tooManyEvents_isRefusedWithItsOwnCode() {
    FrameDecoder strict = new FrameDecoder(TestIngest.limits(256 * 1024, 3, 20, 200));
    String four = "{\"q\":9,\"p\":1,\"t0\":" + NOW + ",\"e\":[[3,0,0],[4,1,0],[3,2,0],[4,3,0]]}";
    assertThatThrownBy(() -> strict.decode(WireJson.parse(four.getBytes(StandardCharsets.UTF_8)), "frame", SESSION, TABLE, NOW))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.TOO_MANY_EVENTS);
          assertThat(r.firstSeq()).isEqualTo(9);
          assertThat(r.getMessage()).isEqualTo("frame: e has 4 events, at most 3 are allowed per frame");
        });
  }

  @Test
  void clockSkew_isConfigurable_andBoundsAreInclusive() {
    long day = 86_400_000L;
    assertThat(decode("{\"q\":1,\"p\":1,\"t0\":" + (NOW - day) + ",\"e\":[]}", null)).isNotNull();
    assertThat(decode("{\"q\":1,\"p\":1,\"t0\":" + (NOW + day) + ",\"e\":[]}", null)).isNotNull();
    assertThatThrownBy(() -> decode("{\"q\":1,\"p\":1,\"t0\":" + (NOW + day + 1) + ",\"e\":[]}", null))
        .hasMessageStartingWith("frame: t0 must be within PT24H");
  }

  @Test
  void batchPaths_nameTheFrame() {
    assertThatThrownBy(() -> decoder.decode(WireJson.parse(frame("[2,0,0,12000,5]").getBytes(StandardCharsets.UTF_8)),
        "frames[2]", SESSION, TABLE, NOW))
        .hasMessage("frames[2].e[0][3]: x must be 0..10000, was 12000");
    assertThatThrownBy(() -> decoder.decode(WireJson.parse("{\"q\":0,\"p\":1,\"t0\":1,\"e\":[]}".getBytes(StandardCharsets.UTF_8)),
        "frames[2]", SESSION, TABLE, NOW))
        .hasMessage("frames[2]: q must be 1..9007199254740991, was 0");
  }

  @Test
  void noImageTableYet_isNamed() {
    assertThatThrownBy(() -> decode(frame("[3,0,0]"), null))
        .hasMessage("e[0][2]: i needs an image table, but none ('img') was sent on this connection yet");
  }

  @Test
  void frameImageTable_appliesToItsOwnEvents() {
    DecodedFrame frame = decode("{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"img\":[\"z/9\"],\"e\":[[3,0,0]]}", TABLE);
    assertThat(((HoverChanged) frame.events().get(0).getPayload()).getImageId()).isEqualTo("z/9");
  }
}
