package io.byproduct.streamprocessor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.PageRecorded;
import io.byproduct.schemas.json.PageContentHash;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageSources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A page the REST API recorded is stored as sent; a second, different version of it is dead-lettered, never stored over it. */
class RecordedPagesTest {

  private static final long T0 = 1_796_304_416_118L;
  private static final long END = T0 + 8_146;
  /** As the original front end sent it (recorded-hit.json, page 1): estimateTime 98, full-precision points. */
  private static final String SENT = "{\"selected\":true,\"selectedCount\":1,\"selectedRecord\":[{\"x\":0.5925925925925926,"
      + "\"y\":0.5061728395061729,\"time\":1796304418796}],\"hoveredCount\":1,\"hoveredRecord\":[{\"action\":\"enter\","
      + "\"time\":1796304418699},{\"action\":\"leave\",\"time\":1796304419033}],\"imagePosition\":{\"x\":478,\"y\":411},"
      + "\"imageWidth\":324,\"imageHeight\":243,\"originalImageWidth\":500,\"originalImageHeight\":375,\"estimateTime\":98,"
      + "\"mouseTracking\":[{\"x\":0.7623456790123457,\"y\":0.01646090534979424,\"time\":1796304418700},"
      + "{\"x\":0.6358024691358025,\"y\":0.35802469135802467,\"time\":1796304418732}],\"imageID\":\"n01440764/img_011\"}";

  private CaptureDriver capture;

  @BeforeEach
  void startDriver() {
    capture = new CaptureDriver(new CaptureOptions(Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofDays(7)), T0);
  }

  @AfterEach
  void closeDriver() {
    capture.close();
  }

  private static PageRecorded recorded(String pageId, long estimateTime) {
    ImageRecord image = SeedJson.fromJson(SENT);
    image.setEstimateTime(estimateTime);
    return new PageRecorded(pageId, T0, END, false, PageContentHash.of(T0, END, List.of(image)), List.of(image));
  }

  @Test
  void pageRecorded_isStoredAsSent_withSourceRestAndTheWorkersPseudonym() {
    PageRecorded sent = recorded("page-1", 98);
    capture.send(new Script("ann-1", "rest:ann-1:1:" + sent.getContentHash(), END).page(1).add(sent).events);

    PageRecord page = capture.pages.readValue();
    assertThat(page.getSource()).isEqualTo(PageSources.REST);
    assertThat(page.getContentHash()).isEqualTo(sent.getContentHash());
    assertThat(page.getPageId()).isEqualTo("page-1");
    assertThat(page.getStartedAt()).isEqualTo(T0);
    assertThat(page.getEndedAt()).isEqualTo(END);
    ImageRecord expected = SeedJson.fromJson(SENT);
    expected.setWorkerId("W-PSEUDONYM");
    assertThat(page.getImages()).containsExactly(expected);
    AnnotationRecord annotation = capture.annotations.readValuesToList().get(0);
    assertThat(annotation.getPageCount()).isEqualTo(1);
    assertThat(annotation.getIsDone()).isFalse();
  }

  @Test
  void secondDifferentVersion_isDeadLetteredAsRevision_andTheFirstStaysStored() {
    PageRecorded first = recorded("page-1", 98);
    PageRecorded second = recorded("page-1-again", 120);
    capture.send(new Script("ann-1", "rest:ann-1:1:" + first.getContentHash(), END).page(1).add(first).events);
    capture.send(new Script("ann-1", "rest:ann-1:1:" + second.getContentHash(), END + 10).page(1).add(second).events);

    assertThat(capture.pages.readValuesToList()).hasSize(1).allSatisfy(p -> assertThat(p.getPageId()).isEqualTo("page-1"));
    List<DeadLetter> letters = capture.deadLetters.readValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getReason()).isEqualTo("page-revision");
    assertThat(letters.get(0).getDetail()).contains(second.getContentHash()).contains("the stored version counts");
  }

  @Test
  void recordedPageWithImpossibleValues_isDeadLetteredAsInvalid() {
    PageRecorded bad = recorded("page-1", 98);
    bad.getImages().get(0).getMouseTracking().get(0).setX(1.02);
    capture.send(new Script("ann-1", "rest:ann-1:1:x", END).page(1).add(bad).events);

    assertThat(capture.pages.isEmpty()).isTrue();
    DeadLetter letter = capture.deadLetters.readValue();
    assertThat(letter.getReason()).isEqualTo("invalid-event");
    assertThat(letter.getDetail()).contains("annotations[0].mouseTracking[0].x: must be a fraction");
  }
}
