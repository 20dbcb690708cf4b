package io.byproduct.hittool.manifest;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One JSON object's fields with their lines, its own line, and any field names given twice. */
record ObjectFields(int line, Map<String, JsonNode> values, Map<String, Integer> lines, List<String> repeated) {}
