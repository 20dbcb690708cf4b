package io.byproduct.hittool.manifest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a manifest's JSON into its dataset, classes and images, each with the file, line and
 * field it came from; reports wrong types, unknown and repeated fields. The rules of the values
 * are {@link ManifestValidator}'s.
 */
final class ManifestJsonParser {

  static final List<String> TOP_FIELDS = List.of("dataset", "classes", "images");
  static final List<String> CLASS_FIELDS = List.of("id", "wnid", "synset", "description", "wikipedia", "similarTo");
  static final List<String> IMAGE_FIELDS = List.of("id", "url", "classID", "role");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ManifestJsonParser() {}

  /** What the manifest file gave; {@code datasetUsable} is false if the dataset had a wrong type (already reported). */
  static final class Parsed {
    String dataset;
    Where datasetWhere;
    boolean datasetUsable = true;
    final List<Located<ManifestClass>> classes = new ArrayList<>();
    final List<Located<ManifestImage>> images = new ArrayList<>();
  }

  static Parsed parse(Path file, List<Problem> problems) {
    String name = file.toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = JSON.createParser(reader)) {
      return parse(parser, name, problems);
    } catch (NoSuchFileException e) {
      problems.add(Problem.error(name, "no such file"));
    } catch (CharacterCodingException e) {
      problems.add(Problem.error(name, "is not UTF-8 text"));
    } catch (IOException e) {
      problems.add(Problem.error(name, "cannot be read: " + e.getMessage()));
    } catch (JacksonException e) {
      TokenStreamLocation location = e.getLocation();
      String where = location == null ? name : name + ":" + location.getLineNr() + ":" + location.getColumnNr();
      problems.add(Problem.error(where, "is not valid JSON: " + e.getOriginalMessage()));
    }
    return null;
  }

  private static Parsed parse(JsonParser parser, String file, List<Problem> problems) {
    Parsed parsed = new Parsed();
    JsonToken first = parser.nextToken();
    if (first != JsonToken.START_OBJECT) {
      problems.add(Problem.error(file + ":" + line(parser), "a manifest is a JSON object {\"dataset\": ..., \"classes\": [...],"
          + " \"images\": [...]}, not " + (first == null ? "empty" : JsonTypes.describe(first))));
      return null;
    }
    Set<String> seen = new HashSet<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = parser.currentName();
      int fieldLine = line(parser);
      Where where = new Where(file, fieldLine, field);
      JsonToken value = parser.nextToken();
      if (!seen.add(field)) {
        problems.add(Problem.error(where.toString(), "'" + field + "' is given twice"));
        parser.skipChildren();
        continue;
      }
      switch (field) {
        case "dataset" -> {
          parsed.datasetWhere = where;
          if (value == JsonToken.VALUE_STRING) {
            parsed.dataset = parser.getString();
          } else {
            parsed.datasetUsable = false;
            problems.add(Problem.error(where.toString(), "must be a string, not " + JsonTypes.describe(value)));
            parser.skipChildren();
          }
        }
        case "classes" -> readArray(parser, value, file, "classes", where, problems, (fields, path) ->
            parsed.classes.add(toClass(fields, file, path, problems)));
        case "images" -> readArray(parser, value, file, "images", where, problems, (fields, path) -> parsed.images.add(
            toImage(fields, file, path, problems)));
        default -> {
          problems.add(Problem.error(where.toString(), FieldReader.unknownField(field, TOP_FIELDS)));
          parser.skipChildren();
        }
      }
    }
    if (parsed.datasetWhere == null) {
      parsed.datasetWhere = new Where(file, 0, "dataset");
    }
    return parsed;
  }

  private interface ElementSink {
    void accept(ObjectFields fields, Where path);
  }

  private static void readArray(JsonParser parser, JsonToken start, String file, String name, Where where,
      List<Problem> problems, ElementSink sink) {
    if (start != JsonToken.START_ARRAY) {
      problems.add(Problem.error(where.toString(), "must be an array, not " + JsonTypes.describe(start)));
      parser.skipChildren();
      return;
    }
    int index = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      Where element = new Where(file, line(parser), name + "[" + index + "]");
      if (token == JsonToken.START_OBJECT) {
        sink.accept(readObject(parser), element);
      } else {
        problems.add(Problem.error(element.toString(), "must be an object, not " + JsonTypes.describe(token)));
        parser.skipChildren();
      }
      index++;
    }
  }

  private static ObjectFields readObject(JsonParser parser) {
    int line = line(parser);
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    List<String> repeated = new ArrayList<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = parser.currentName();
      int fieldLine = line(parser);
      parser.nextToken();
      JsonNode value = parser.readValueAsTree();
      if (values.containsKey(field)) {
        repeated.add(field);
      } else {
        values.put(field, value);
        lines.put(field, fieldLine);
      }
    }
    return new ObjectFields(line, values, lines, repeated);
  }

  private static Located<ManifestClass> toClass(ObjectFields object, String file, Where element, List<Problem> problems) {
    FieldReader f = new FieldReader(object, file, element, CLASS_FIELDS, problems);
    ManifestClass value = new ManifestClass(f.string("id"), f.string("wnid"), f.strings("synset"),
        f.string("description"), f.strings("wikipedia"), f.string("similarTo"));
    return f.located(value);
  }

  private static Located<ManifestImage> toImage(ObjectFields object, String file, Where element, List<Problem> problems) {
    FieldReader f = new FieldReader(object, file, element, IMAGE_FIELDS, problems);
    String roleText = f.string("role");
    ImageRole role = ImageRole.CANDIDATE;
    if (roleText != null) {
      role = ImageRole.parse(roleText).orElse(null);
      if (role == null) {
        problems.add(Problem.error(f.at("role").toString(), "must be 'candidate' or 'control', not '" + roleText + "'"));
        f.unusable.add("role");
        role = ImageRole.CANDIDATE;
      }
    }
    return f.located(new ManifestImage(f.string("id"), f.string("url"), f.string("classID"), role));
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
