package io.byproduct.schemas.json;

import io.byproduct.schemas.record.ImageRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The identity of a page's content as the original front end sent it: SHA-256 over its start and
 * end times and its per-image records in the seed's JSON (without {@code worker_id}), the first 32
 * hex characters. Two versions of a page differ exactly when their hashes do; the JSON is rebuilt
 * from the parsed records, so key order and number spelling of the request do not matter.
 */
public final class PageContentHash {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PageContentHash() {}

  public static String of(long startedAt, long endedAt, List<ImageRecord> images) {
    ObjectNode page = JSON.createObjectNode().put("startedAt", startedAt).put("endedAt", endedAt);
    ArrayNode annotations = page.putArray("annotations");
    for (ImageRecord image : images) {
      ObjectNode record = SeedJson.toTree(image);
      record.remove("worker_id");
      annotations.add(record);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(page)
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
