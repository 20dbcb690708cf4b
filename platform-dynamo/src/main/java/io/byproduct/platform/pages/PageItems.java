package io.byproduct.platform.pages;

import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * How a finished page is stored in {@code ImageNetAnnotationPage}, within DynamoDB's 400 KB item
 * limit, and read back as the seed's JSON.
 *
 * <ul>
 *   <li>The head item (sort key {@code 0003}) holds the page's fields ({@code id}, {@code pageno},
 *       {@code startedAt}, {@code endedAt}, {@code status}, {@code source} ({@code stream} or {@code rest}),
 *       {@code contentHash} (rest pages only), ...). A page stored before {@code source} existed has none:
 *       it came from the stream.
 *   <li>Its per-image records ({@code annotations}, in the seed's JSON shape) are a native list when
 *       they fit in {@value #INLINE_LIMIT} bytes of JSON; otherwise gzip-compressed into the binary
 *       attribute {@code annotationsGzip}; and if that is still over {@value #PART_BYTES} bytes, the
 *       compressed bytes are split into part items ({@code 0003#01}, {@code 0003#02}, ...) and the
 *       head records {@code annotationsParts}.
 *   <li>Writers put the parts first and the head last, each conditionally on absence, so a reader
 *       that finds the head finds a complete page, and a redelivered page changes nothing.
 * </ul>
 */
public final class PageItems {

  /** JSON bytes of the per-image records kept inline as a native list. */
  public static final int INLINE_LIMIT = 300 * 1024;
  /** Compressed bytes per item (the rest of the 400 KB is keys and attributes). */
  public static final int PART_BYTES = 350 * 1024;

  public static final String ANNOTATIONS = "annotations";
  public static final String ANNOTATIONS_GZIP = "annotationsGzip";
  public static final String ANNOTATIONS_PARTS = "annotationsParts";
  public static final String PART_DATA = "data";
  /** How the page came: {@code stream} (folded from events) or {@code rest} (the original front end's PUT, stored as sent). */
  public static final String SOURCE = "source";
  /** A {@code rest} page's content hash: a later PUT of the page is the same version exactly when its hash is this. */
  public static final String CONTENT_HASH = "contentHash";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PageItems() {}

  /** The items of a page: parts (if any) first, the head last. */
  public static List<Map<String, AttributeValue>> itemsOf(PageRecord page) {
    ArrayNode annotations = JSON.createArrayNode();
    for (ImageRecord image : page.getImages()) {
      annotations.add(SeedJson.toTree(image));
    }
    byte[] json = JSON.writeValueAsBytes(annotations);
    Map<String, AttributeValue> head = head(page);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    if (json.length <= INLINE_LIMIT) {
      head.put(ANNOTATIONS, EnhancedDocument.fromJson("{\"a\":" + new String(json, StandardCharsets.UTF_8) + "}")
          .toMap().get("a"));
    } else {
      byte[] gzip = gzip(json);
      if (gzip.length <= PART_BYTES) {
        head.put(ANNOTATIONS_GZIP, AttributeValue.fromB(SdkBytes.fromByteArray(gzip)));
      } else {
        int parts = (gzip.length + PART_BYTES - 1) / PART_BYTES;
        for (int p = 0; p < parts; p++) {
          int from = p * PART_BYTES;
          int to = Math.min(gzip.length, from + PART_BYTES);
          Map<String, AttributeValue> part = new LinkedHashMap<>();
          part.put(Tables.PAGE_HASH, AttributeValue.fromS(page.getAnnotationId()));
          part.put(Tables.PAGE_RANGE, AttributeValue.fromS(partKey(page.getPageNo(), p + 1)));
          part.put(PART_DATA, AttributeValue.fromB(SdkBytes.fromByteArray(java.util.Arrays.copyOfRange(gzip, from, to))));
          items.add(part);
        }
        head.put(ANNOTATIONS_PARTS, AttributeValue.fromN(String.valueOf(parts)));
      }
    }
    items.add(head);
    return items;
  }

  public static String partKey(int pageNo, int part) {
    return Tables.pageKey(pageNo) + "#" + String.format("%02d", part);
  }

  private static Map<String, AttributeValue> head(PageRecord page) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(Tables.PAGE_HASH, AttributeValue.fromS(page.getAnnotationId()));
    item.put(Tables.PAGE_RANGE, AttributeValue.fromS(Tables.pageKey(page.getPageNo())));
    if (page.getPageId() != null) {
      item.put("id", AttributeValue.fromS(page.getPageId()));
    }
    item.put("pageno", AttributeValue.fromN(String.valueOf(page.getPageNo())));
    item.put("startedAt", AttributeValue.fromN(String.valueOf(page.getStartedAt())));
    item.put("endedAt", AttributeValue.fromN(String.valueOf(page.getEndedAt())));
    item.put("status", AttributeValue.fromS(page.getStatus().name()));
    item.put("eventCount", AttributeValue.fromN(String.valueOf(page.getEventCount())));
    item.put(SOURCE, AttributeValue.fromS(page.getSource()));
    putIfPresent(item, CONTENT_HASH, page.getContentHash());
    putIfPresent(item, "hitDatasetName", page.getHitDatasetName());
    putIfPresent(item, "imageNetHitID", page.getImageNetHitId());
    putIfPresent(item, "workerID", page.getWorkerId());
    putIfPresent(item, "version", page.getVersion());
    return item;
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, AttributeValue.fromS(value));
    }
  }

  /**
   * The page as the seed's ImageNetAnnotationPage JSON ({@code imageNetAnnotationID}, {@code id},
   * {@code pageno}, {@code startedAt}, {@code endedAt}, {@code annotations}, ...).
   *
   * @param head the head item
   * @param parts the part items in order (empty unless the head names parts)
   */
  public static JsonNode toSeedJson(Map<String, AttributeValue> head, List<Map<String, AttributeValue>> parts) {
    Map<String, AttributeValue> fields = new LinkedHashMap<>(head);
    fields.remove(Tables.PAGE_RANGE);
    AttributeValue gzip = fields.remove(ANNOTATIONS_GZIP);
    AttributeValue partCount = fields.remove(ANNOTATIONS_PARTS);
    AttributeValue inline = fields.remove(ANNOTATIONS);
    tools.jackson.databind.node.ObjectNode page =
        (tools.jackson.databind.node.ObjectNode) JSON.readTree(EnhancedDocument.fromAttributeValueMap(fields).toJson());
    if (!page.has(SOURCE)) {
      page.put(SOURCE, "stream");  // stored before pages had a source: every such page came from the stream
    }
    if (inline != null) {
      page.set(ANNOTATIONS, JSON.readTree(EnhancedDocument.fromAttributeValueMap(Map.of("a", inline)).toJson()).get("a"));
    } else if (gzip != null) {
      page.set(ANNOTATIONS, JSON.readTree(gunzip(gzip.b().asByteArray())));
    } else if (partCount != null) {
      int expected = Integer.parseInt(partCount.n());
      if (parts.size() != expected) {
        throw new IllegalStateException("page " + head.get(Tables.PAGE_RANGE).s() + " names " + expected
            + " parts but " + parts.size() + " were found");
      }
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      parts.forEach(p -> joined.writeBytes(p.get(PART_DATA).b().asByteArray()));
      page.set(ANNOTATIONS, JSON.readTree(gunzip(joined.toByteArray())));
    } else {
      page.set(ANNOTATIONS, JSON.createArrayNode());
    }
    return page;
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] data) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("a stored page's compressed records are damaged", e);
    }
  }
}
