package io.byproduct.pageassembler.writing;

import io.byproduct.platform.batches.DynamoBatches;
import io.byproduct.platform.pages.PageItems;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.PageRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes many finished pages at once, with the guarantees of {@link PageWriter}: one consistent
 * batch read finds the heads already stored (those pages are left as they are: first stored wins,
 * as with the conditional put); the others are written with batch puts, every part of every page
 * first and the heads last, so a reader that finds a head finds its parts. Batch puts cannot be
 * conditional; that is safe here because only the consumer that owns a partition writes its pages,
 * and a page delivered again (a redelivery, or a former owner during a rebalance) carries the same
 * items. A page whose key is twice in the list is written once (the first).
 */
public final class PageBatchWriter {

  private final DynamoDbClient dynamo;
  private final Tables tables;

  public PageBatchWriter(DynamoDbClient dynamo, Tables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  /** What writing each page found ({@code WRITTEN} or {@code ALREADY_STORED}), by position in {@code pages}. */
  public List<WriteOutcome> write(List<PageRecord> pages) {
    Map<String, Integer> firstOfKey = new LinkedHashMap<>();
    List<Map<String, AttributeValue>> headKeys = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      String key = keyOf(pages.get(i));
      if (firstOfKey.putIfAbsent(key, i) == null) {
        headKeys.add(headKey(pages.get(i)));
      }
    }
    Set<String> stored = new HashSet<>();
    for (Map<String, AttributeValue> head : DynamoBatches.getAll(dynamo, tables.names().page(), headKeys,
        Tables.PAGE_HASH, Tables.PAGE_RANGE)) {
      stored.add(head.get(Tables.PAGE_HASH).s() + "|" + head.get(Tables.PAGE_RANGE).s());
    }
    List<Map<String, AttributeValue>> parts = new ArrayList<>();
    List<Map<String, AttributeValue>> heads = new ArrayList<>();
    List<WriteOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      String key = keyOf(pages.get(i));
      boolean write = firstOfKey.get(key) == i && !stored.contains(key);
      if (write) {
        List<Map<String, AttributeValue>> items = PageItems.itemsOf(pages.get(i));
        parts.addAll(items.subList(0, items.size() - 1));
        heads.add(items.get(items.size() - 1));
      }
      outcomes.add(write ? WriteOutcome.WRITTEN : WriteOutcome.ALREADY_STORED);
    }
    DynamoBatches.putAll(dynamo, tables.names().page(), parts);
    DynamoBatches.putAll(dynamo, tables.names().page(), heads);
    return outcomes;
  }

  private static String keyOf(PageRecord page) {
    return page.getAnnotationId() + "|" + Tables.pageKey(page.getPageNo());
  }

  private static Map<String, AttributeValue> headKey(PageRecord page) {
    return Map.of(Tables.PAGE_HASH, AttributeValue.fromS(page.getAnnotationId()),
        Tables.PAGE_RANGE, AttributeValue.fromS(Tables.pageKey(page.getPageNo())));
  }
}
