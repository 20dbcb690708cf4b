package io.byproduct.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.analytics.Fixtures;
import io.byproduct.schemas.json.RecordJson;
import io.byproduct.platform.pages.PageItems;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.record.PageRecord;
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
    assertThat(MousetrapCsv.decimal(1.0E-4)).isEqualTo("0.0001");
    assertThat(MousetrapCsv.decimal(1.0)).isEqualTo("1");
    assertThat(MousetrapCsv.decimal(0.0)).isEqualTo("0");
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 1000; i++) {
      double x = random.nextDouble();
      assertThat(Double.parseDouble(MousetrapCsv.decimal(x))).as("round trip").isEqualTo(x);
    }
    assertThat(MousetrapCsv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(MousetrapCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(MousetrapCsv.field(null)).isEqualTo("NA");
  }

  @Test
  void mousetrapCsv_ofEvents_numbersTheSamplesOfEachTrajectory() throws Exception {
    StringWriter out = new StringWriter();
    MousetrapCsv csv = new MousetrapCsv(out, true);
    for (InteractionEvent e : Fixtures.pageEvents("a", "s", 1, "d", 1, 1000, true, true)) {
      csv.event(e);
    }
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).isEqualTo(String.join(",", MousetrapCsv.EVENT_COLUMNS));
    assertThat(lines[1]).isEqualTo("a:1:n0144/a_1_a,1,1500,0.1,0.2,a,1,n0144/a_1_a,W97,d,hit-1,POINTER_ORIGINAL");
    assertThat(lines).hasSize(1 + 13);
    assertThat(lines[13]).startsWith("a:1:n0144/a_1_b,1,1900,0.5,0.5,");
    assertThat(Fixtures.pageEvents("a", "s", 1, "d", 1, 1000, true, true).stream()
        .filter(e -> e.getPayload() instanceof PointerSample).count()).isEqualTo(13);
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
