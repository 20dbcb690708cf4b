package io.byproduct.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.analytics.Fixtures;
import io.byproduct.schemas.json.RecordJson;
import io.byproduct.platform.pages.PageItems;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.PointerSample;
import java.util.List;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.analytics.export.table.RowFiles;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FormatsTest {

  @Test
  void format_namesAsOnTheCommandLine() {
    assertThat(Format.of("mousetrap-csv")).isEqualTo(Format.MOUSETRAP_CSV);
    assertThat(Format.of("PARQUET")).isEqualTo(Format.PARQUET);
    assertThat(Format.MOUSETRAP_CSV.extension()).isEqualTo("csv");
  }

  @Test
  void mousetrapCsv_plainDecimals_quotedWhenNeeded_missingAsNA() {
    assertThat(RowFiles.decimal(1.0E-4)).isEqualTo("0.0001");
    assertThat(RowFiles.decimal(1.0)).isEqualTo("1");
    assertThat(RowFiles.decimal(0.0)).isEqualTo("0");
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 1000; i++) {
      double x = random.nextDouble();
      assertThat(Double.parseDouble(RowFiles.decimal(x))).as("round trip").isEqualTo(x);
    }
    assertThat(MousetrapCsv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(MousetrapCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(MousetrapCsv.field(null)).isEqualTo("NA");
    assertThat(MousetrapCsv.field(true)).isEqualTo("TRUE");
  }

  @Test
  void mousetrapCsv_ofEvents_isOneTrialPerHover_inPixels_withTheClickMarked() throws Exception {
    StringWriter out = new StringWriter();
    MousetrapCsv csv = new MousetrapCsv(out, EventTrials.COLUMNS);
    EventTrials trials = new EventTrials(csv);
    for (InteractionEvent e : Fixtures.pageEvents("a", "s", 1, "d", 1, 1000, true, true)) {
      trials.event(e, false);
    }
    trials.finish();
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).isEqualTo("mt_id,mt_seq,timestamps,xpos,ypos,x_frac,y_frac,is_click,annotation_id,page_no,"
        + "image_id,hover_no,session_id,page_replaced,worker_id,hit_dataset_name,imagenet_hit_id,version,"
        + "entered_at_ms,left_at_ms,response,image_width,image_height,original_image_width,original_image_height");
    String trial = ",a,1,n0144/a_1_a,1,s,FALSE,W97,d,hit-1,POINTER_ORIGINAL,1500,1800,selected,340,255,500,375";
    // 0.1 x 340 px, 0.2 x 255 px
    assertThat(lines[1]).isEqualTo("a:1:n0144/a_1_a:1,1,1500,34,51,0.1,0.2,FALSE" + trial);
    // the click at 1720 after the 12 samples (1500 .. 1687): a marked point with its time, still in the hover
    assertThat(lines[13]).isEqualTo("a:1:n0144/a_1_a:1,13,1720,221,135.15,0.65,0.53,TRUE" + trial);
    assertThat(lines[14]).isEqualTo("a:1:n0144/b:1,1,1900,170,113.34,0.5,0.5,FALSE,a,1,n0144/a_1_b,1,s,FALSE,W97,d,"
        .replace("n0144/b", "n0144/a_1_b") + "hit-1,POINTER_ORIGINAL,1900,2000,none,340,226.67,500,333");
    assertThat(lines).hasSize(1 + 13 + 1);
  }

  /** Attack: a hover that never ends (samples without a leave) must not be held in memory whole. */
  @Test
  void attack_anEndlessHover_isWrittenInBoundedTrials() throws Exception {
    StringWriter out = new StringWriter();
    MousetrapCsv csv = new MousetrapCsv(out, EventTrials.COLUMNS);
    EventTrials trials = new EventTrials(csv, 10);
    List<InteractionEvent> events = new java.util.ArrayList<>(Fixtures.pageEvents("a", "s", 1, "d", 1, 1000, false, false)
        .subList(0, 4));
    events.add(Fixtures.event("a", "s", 10, "d", 1, 2000, new HoverChanged("n0144/a_1_a", true)));
    for (int i = 0; i < 25; i++) {
      events.add(Fixtures.event("a", "s", 11 + i, "d", 1, 2000 + i * 17, new PointerSample("n0144/a_1_a", 0.5, 0.5)));
    }
    long writtenBeforeTheEnd = 0;
    for (InteractionEvent e : events) {
      trials.event(e, false);
      writtenBeforeTheEnd = csv.rows();
    }
    assertThat(writtenBeforeTheEnd).as("full trials are written as they fill").isEqualTo(20);
    trials.finish();
    String[] lines = out.toString().split("\\n");
    assertThat(lines).hasSize(1 + 25);
    assertThat(java.util.Arrays.stream(lines).skip(1).map(l -> l.split(",")[0]).distinct())
        .containsExactly("a:1:n0144/a_1_a:1", "a:1:n0144/a_1_a:2", "a:1:n0144/a_1_a:3");
  }

  @Test
  void exportCommand_dedupesByDefault_noDedupeKeepsResends_andNestedIsOff() {
    String[] base = {"--bootstrap-servers", "k:9092", "--what", "events", "--format", "parquet", "--out", "x.parquet"};
    ExportCommand defaults = new ExportCommand();
    new picocli.CommandLine(defaults).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(base);
    assertThat(defaults.dedupe).isTrue();
    assertThat(defaults.nested).isFalse();
    ExportCommand all = new ExportCommand();
    String[] noDedupe = java.util.Arrays.copyOf(base, base.length + 1);
    noDedupe[base.length] = "--no-dedupe";
    new picocli.CommandLine(all).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(noDedupe);
    assertThat(all.dedupe).isFalse();
  }

  @Test
  void exportSettings_refuseShapesThatDoNotExist() {
    assertThat(ExportSettings.problem(What.IMAGES, Format.MOUSETRAP_CSV, false)).contains("--what points");
    assertThat(ExportSettings.problem(What.PAGES, Format.MOUSETRAP_CSV, false)).contains("--what points");
    assertThat(ExportSettings.problem(What.POINTS, Format.MOUSETRAP_CSV, false)).isNull();
    assertThat(ExportSettings.problem(What.HOVERS, Format.PARQUET, true)).contains("--nested exists for");
    assertThat(ExportSettings.problem(What.PAGES, Format.CSV, true)).contains("jsonl, avro or parquet");
    assertThat(ExportSettings.problem(What.EVENTS, Format.CSV, false)).isNull();
  }

  @Test
  void pageJson_isWhatPageReaderReadsBackFromDynamoDb() {
    PageRecord page = Fixtures.page("ann", 3, "ds", "hit", 48, 3);
    var items = PageItems.itemsOf(page);
    JsonNode stored = PageItems.toSeedJson(items.get(items.size() - 1), items.subList(0, items.size() - 1));
    JsonNode ours = RecordJson.page(page);
    assertThat(RecordJson.MAPPER.readTree(ours.toString())).isEqualTo(RecordJson.MAPPER.readTree(stored.toString()));
  }

  @Test
  void eventJson_namesThePayloadsKind() {
    InteractionEvent e = Fixtures.pageEvents("a", "s", 1, "d", 2, 1000, false, false).get(0);
    JsonNode json = RecordJson.avro(e);
    assertThat(json.get("payload").get("type").asString()).isEqualTo("PageOpened");
    assertThat(json.get("payload").get("imageIds").size()).isEqualTo(2);
    assertThat(json.get("version").asString()).isEqualTo("POINTER_ORIGINAL");
  }
}
