package io.byproduct.pageassembler;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.Await;
import io.byproduct.platform.pages.PageItems;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.PageRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

/** What the page table holds, checked against the pages that were sent: each once, whole, as sent. */
final class StoredPages {

  private final DynamoDbClient dynamo;
  private final Tables tables;

  StoredPages(DynamoDbClient dynamo, Tables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  /** Every item's "annotation id / page key", parts included. */
  Set<String> itemKeys() {
    Set<String> keys = new TreeSet<>();
    dynamo.scanPaginator(b -> b.tableName(tables.names().page()).consistentRead(true)).items()
        .forEach(item -> keys.add(key(item)));
    return keys;
  }

  private static String key(Map<String, AttributeValue> item) {
    return item.get(Tables.PAGE_HASH).s() + "/" + item.get(Tables.PAGE_RANGE).s();
  }

  /** How many of the pages can be read back (their head is stored). */
  int readable(List<PageRecord> pages) {
    PageReader reader = new PageReader(dynamo, tables);
    return (int) pages.stream().filter(p -> reader.read(p.getAnnotationId(), p.getPageNo()).isPresent()).count();
  }

  /** Waits until every page can be read back. */
  void awaitAll(List<PageRecord> pages, Duration timeout) throws InterruptedException {
    Await.until(pages.size() + " pages stored", timeout, () -> readable(pages) == pages.size());
  }

  /**
   * The page table holds exactly the items of these pages (parts and heads, nothing else, nothing
   * twice: a key is unique, so an item written twice under another key would show as a stray), and
   * each page reads back equal to what {@link PageItems} makes of the record sent.
   */
  void assertExactly(List<PageRecord> pages) {
    Set<String> expectedKeys = new TreeSet<>();
    for (PageRecord page : pages) {
      List<Map<String, AttributeValue>> items = PageItems.itemsOf(page);
      items.forEach(item -> assertThat(expectedKeys.add(key(item))).as("page sent twice: %s", key(item)).isTrue());
    }
    assertThat(itemKeys()).as("items in the page table").isEqualTo(expectedKeys);
    PageReader reader = new PageReader(dynamo, tables);
    for (PageRecord page : pages) {
      List<Map<String, AttributeValue>> items = PageItems.itemsOf(page);
      JsonNode expected = PageItems.toSeedJson(items.get(items.size() - 1), items.subList(0, items.size() - 1));
      JsonNode stored = reader.read(page.getAnnotationId(), page.getPageNo()).orElseThrow();
      String what = page.getAnnotationId() + " page " + page.getPageNo();
      assertThat(stored).as(what).isEqualTo(expected);
      for (int i = 0; i < page.getImages().size(); i++) {
        assertThat(SeedJson.fromTree(stored.get("annotations").get(i))).as(what + " image " + i)
            .isEqualTo(page.getImages().get(i));
      }
    }
  }
}
