package io.byproduct.analytics.export;

import io.byproduct.schemas.json.RecordJson;
import io.byproduct.analytics.kafka.PartitionRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How far an export got ({@code OUT.checkpoint}, JSON): the source ranges fixed when it started,
 * the position reached in each partition, and the length of the work file that holds exactly the
 * records before those positions. Written to a temporary file and renamed, so it is always whole.
 *
 * @param fingerprint the export's settings; a different export at the same path is not resumed
 * @param ranges the source offsets, fixed at the start (a resumed export ends where the first run would have)
 * @param positions next offset to read per partition
 * @param spoolBytes valid length of the work file
 * @param records records in the work file
 * @param skipped undecodable source records passed over
 * @param datasets source records read per dataset (what an export that matched nothing lists)
 */
record Checkpoint(String fingerprint, List<PartitionRange> ranges, Map<Integer, Long> positions, long spoolBytes,
    long records, long skipped, Map<String, Long> datasets) {

  boolean complete() {
    return ranges.stream().allMatch(r -> positions.getOrDefault(r.partition(), r.start()) >= r.end());
  }

  long total() {
    return ranges.stream().mapToLong(PartitionRange::size).sum();
  }

  long read() {
    return ranges.stream().mapToLong(r -> Math.min(r.end(), positions.getOrDefault(r.partition(), r.start())) - r.start())
        .sum();
  }

  void write(Path file) throws IOException {
    ObjectNode node = RecordJson.MAPPER.createObjectNode();
    node.put("fingerprint", fingerprint);
    ArrayNode rangeArray = node.putArray("ranges");
    for (PartitionRange r : ranges) {
      rangeArray.addObject().put("partition", r.partition()).put("start", r.start()).put("end", r.end());
    }
    ObjectNode pos = node.putObject("positions");
    new TreeMap<>(positions).forEach((p, o) -> pos.put(String.valueOf(p), o));
    node.put("spoolBytes", spoolBytes);
    node.put("records", records);
    node.put("skipped", skipped);
    ObjectNode seen = node.putObject("datasets");
    datasets.forEach(seen::put);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static Checkpoint read(Path file) throws IOException {
    JsonNode node = RecordJson.MAPPER.readTree(Files.readString(file));
    List<PartitionRange> ranges = new ArrayList<>();
    for (JsonNode r : node.get("ranges")) {
      ranges.add(new PartitionRange(r.get("partition").asInt(), r.get("start").asLong(), r.get("end").asLong()));
    }
    Map<Integer, Long> positions = new TreeMap<>();
    node.get("positions").properties().forEach(e -> positions.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
    Map<String, Long> datasets = new TreeMap<>();
    if (node.has("datasets")) {
      node.get("datasets").properties().forEach(e -> datasets.put(e.getKey(), e.getValue().asLong()));
    }
    return new Checkpoint(node.get("fingerprint").asString(), ranges, positions, node.get("spoolBytes").asLong(),
        node.get("records").asLong(), node.get("skipped").asLong(), datasets);
  }
}
