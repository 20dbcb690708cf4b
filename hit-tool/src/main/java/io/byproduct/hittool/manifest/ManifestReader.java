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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a manifest (JSON, see hit-tool/README.md) and optionally more images from a CSV file
 * ({@code id,url,classID[,role]}), and checks everything, reporting every problem with its file,
 * line and field. Nothing is written anywhere.
 */
public final class ManifestReader {

  static final List<String> TOP_FIELDS = List.of("dataset", "classes", "images");
  static final List<String> CLASS_FIELDS = List.of("id", "wnid", "synset", "description", "wikipedia", "similarTo");
  static final List<String> IMAGE_FIELDS = List.of("id", "url", "classID", "role");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ManifestReader() {}

  public static ManifestLoad read(Path manifestFile) {
    return read(manifestFile, null);
  }

  /**
   * @param manifestFile the manifest
   * @param imagesCsv more images, or {@code null}
   */
  public static ManifestLoad read(Path manifestFile, Path imagesCsv) {
    List<Problem> problems = new ArrayList<>();
    Parsed parsed = parse(manifestFile, problems);
    List<Located<ManifestImage>> images = new ArrayList<>();
    if (parsed != null) {
      images.addAll(parsed.images);
    }
    if (imagesCsv != null) {
      images.addAll(ImagesCsv.read(imagesCsv, problems));
    }
    if (parsed == null) {
      return new ManifestLoad(null, problems);
    }
    Manifest manifest = ManifestValidator.validate(new Where(manifestFile.toString(), 0, ""), parsed.dataset,
        parsed.datasetWhere, parsed.datasetUsable, parsed.classes, images, problems);
    return new ManifestLoad(manifest, problems);
  }

  /** Checks a manifest made in code, with the same rules as a file (paths like {@code images[3].url}). */
  public static ManifestLoad check(Manifest manifest) {
    List<Problem> problems = new ArrayList<>();
    List<Located<ManifestClass>> classes = new ArrayList<>();
    for (int i = 0; i < manifest.classes().size(); i++) {
      classes.add(Located.inMemory(manifest.classes().get(i), "classes[" + i + "]"));
    }
    List<Located<ManifestImage>> images = new ArrayList<>();
    for (int i = 0; i < manifest.images().size(); i++) {
      images.add(Located.inMemory(manifest.images().get(i), "images[" + i + "]"));
    }
    Manifest checked = ManifestValidator.validate(Where.inMemory(""), manifest.dataset(), Where.inMemory("dataset"), true,
        classes, images, problems);
    return new ManifestLoad(checked, problems);
  }

  private static final class Parsed {
    String dataset;
    Where datasetWhere;
    boolean datasetUsable = true;
    final List<Located<ManifestClass>> classes = new ArrayList<>();
    final List<Located<ManifestImage>> images = new ArrayList<>();
  }

  /** One JSON object's fields with their lines, its own line, and any field names given twice. */
  private record ObjectFields(int line, Map<String, JsonNode> values, Map<String, Integer> lines, List<String> repeated) {}

  private static Parsed parse(Path file, List<Problem> problems) {
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
          + " \"images\": [...]}, not " + (first == null ? "empty" : describe(first))));
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
            problems.add(Problem.error(where.toString(), "must be a string, not " + describe(value)));
            parser.skipChildren();
          }
        }
        case "classes" -> readArray(parser, value, file, "classes", where, problems, (fields, path) ->
            parsed.classes.add(toClass(fields, file, path, problems)));
        case "images" -> readArray(parser, value, file, "images", where, problems, (fields, path) -> parsed.images.add(
            toImage(fields, file, path, problems)));
        default -> {
          problems.add(Problem.error(where.toString(), unknownField(field, TOP_FIELDS)));
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
      problems.add(Problem.error(where.toString(), "must be an array, not " + describe(start)));
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
        problems.add(Problem.error(element.toString(), "must be an object, not " + describe(token)));
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

  /** Field access that reports wrong types and unknown fields, and remembers the lines. */
  private static final class FieldReader {
    final ObjectFields object;
    final Where element;
    final List<Problem> problems;
    final Map<String, Where> fieldWheres = new LinkedHashMap<>();
    final Set<String> unusable = new HashSet<>();

    FieldReader(ObjectFields object, String file, Where element, List<String> known, List<Problem> problems) {
      this.object = object;
      this.element = element;
      this.problems = problems;
      object.lines.forEach((field, line) -> fieldWheres.put(field, new Where(file, line, element.path() + "." + field)));
      for (String field : object.values.keySet()) {
        if (!known.contains(field)) {
          problems.add(Problem.error(fieldWheres.get(field).toString(), unknownField(field, known)));
        }
      }
      for (String field : object.repeated) {
        problems.add(Problem.error(fieldWheres.get(field).toString(), "'" + field + "' is given twice"));
      }
    }

    String string(String field) {
      JsonNode node = object.values.get(field);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isString()) {
        wrongType(field, "a string", node);
        return null;
      }
      return node.stringValue();
    }

    List<String> strings(String field) {
      JsonNode node = object.values.get(field);
      if (node == null || node.isNull()) {
        return null;
      }
      if (node.isString()) {
        // a single string where a list is expected: accept it as a list of one
        return List.of(node.stringValue());
      }
      if (!node.isArray()) {
        wrongType(field, "an array of strings", node);
        return null;
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        if (!item.isString()) {
          problems.add(Problem.error(at(field) + "[" + i + "]", "must be a string, not " + describe(item)));
          unusable.add(field);
        } else {
          values.add(item.stringValue());
        }
      }
      return unusable.contains(field) ? null : values;
    }

    private void wrongType(String field, String expected, JsonNode node) {
      problems.add(Problem.error(at(field).toString(), "must be " + expected + ", not " + describe(node)));
      unusable.add(field);
    }

    Where at(String field) {
      return fieldWheres.getOrDefault(field, element.child(field));
    }

    <T> Located<T> located(T value) {
      return new Located<>(value, element, Map.copyOf(fieldWheres), Set.copyOf(unusable));
    }
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

  static String unknownField(String field, List<String> known) {
    String plain = normalise(field);
    for (String candidate : known) {
      if (normalise(candidate).equals(plain)) {
        return "unknown field '" + field + "': did you mean '" + candidate + "'?";
      }
    }
    return "unknown field '" + field + "' (known: " + String.join(", ", known) + ")";
  }

  private static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  static String describe(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isNumber()) {
      return "the number " + node;
    }
    if (node.isBoolean()) {
      return node.toString();
    }
    return node.toString();
  }
}
