package io.byproduct.hittool.manifest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Images from a CSV file: {@code id,url,classID[,role]} per line (RFC 4180 quoting), with or
 * without that header line. Blank lines are skipped.
 */
public final class ImagesCsv {

  private static final List<String> HEADER = List.of("id", "url", "classid", "role");
  private static final List<String> COLUMNS = List.of("id", "url", "classID", "role");

  private ImagesCsv() {}

  /** One record and the line it starts on. */
  /** A CSV row with its 1-based line number. */
  public record Row(int line, List<String> fields) {}

  static List<Located<ManifestImage>> read(Path file, List<Problem> problems) {
    String name = file.toString();
    List<Row> rows;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      rows = parse(reader, name, problems);
    } catch (NoSuchFileException e) {
      problems.add(Problem.error(name, "no such file"));
      return List.of();
    } catch (CharacterCodingException e) {
      problems.add(Problem.error(name, "is not UTF-8 text"));
      return List.of();
    } catch (IOException e) {
      problems.add(Problem.error(name, "cannot be read: " + e.getMessage()));
      return List.of();
    }
    List<Located<ManifestImage>> images = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      List<String> fields = row.fields();
      if (r == 0 && isHeader(fields)) {
        continue;
      }
      Where where = new Where(name, row.line(), "");
      if (fields.size() < 3 || fields.size() > 4) {
        problems.add(Problem.error(where.toString(), "expected 3 or 4 columns (id,url,classID[,role]), found "
            + fields.size()));
        continue;
      }
      ImageRole role = ImageRole.CANDIDATE;
      Set<String> unusable = Set.of();
      if (fields.size() == 4 && !fields.get(3).isEmpty()) {
        role = ImageRole.parse(fields.get(3)).orElse(null);
        if (role == null) {
          problems.add(Problem.error(where.child("role").toString(), "must be 'candidate' or 'control', not '"
              + fields.get(3) + "'"));
          role = ImageRole.CANDIDATE;
          unusable = Set.of("role");
        }
      }
      ManifestImage image = new ManifestImage(emptyToNull(fields.get(0)), emptyToNull(fields.get(1)),
          emptyToNull(fields.get(2)), role);
      Map<String, Where> columns = Map.of(
          "id", where.child(COLUMNS.get(0)), "url", where.child(COLUMNS.get(1)),
          "classID", where.child(COLUMNS.get(2)), "role", where.child(COLUMNS.get(3)));
      images.add(new Located<>(image, where, columns, unusable));
    }
    return images;
  }

  private static boolean isHeader(List<String> fields) {
    if (fields.size() < 3 || fields.size() > 4) {
      return false;
    }
    for (int i = 0; i < fields.size(); i++) {
      if (!fields.get(i).toLowerCase(Locale.ROOT).equals(HEADER.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  /** RFC 4180: fields split by commas, optionally quoted ("" is a quote inside quotes), unquoted fields trimmed. */
  public static List<Row> parse(Reader reader, String name, List<Problem> problems) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    boolean rowHasContent = false;
    int line = 1;
    int rowLine = 1;
    int c = reader.read();
    if (c == '\uFEFF') {
      c = reader.read();
    }
    while (c != -1) {
      int next = reader.read();
      if (quoted) {
        if (c == '"' && next == '"') {
          field.append('"');
          next = reader.read();
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        field.setLength(0);
        rowHasContent = true;
      } else if (c == ',') {
        fields.add(wasQuoted ? field.toString() : field.toString().strip());
        field.setLength(0);
        wasQuoted = false;
        rowHasContent = true;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && next == '\n') {
          next = reader.read();
        }
        if (rowHasContent || !field.toString().isBlank()) {
          fields.add(wasQuoted ? field.toString() : field.toString().strip());
          rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        fields.clear();
        field.setLength(0);
        wasQuoted = false;
        rowHasContent = false;
        line++;
        rowLine = line;
      } else if (wasQuoted) {
        if (!Character.isWhitespace(c)) {
          problems.add(Problem.error(name + ":" + line, "text after a closing quote; a quote inside a quoted field is"
              + " written twice (\"\")"));
          field.append((char) c);
        }
      } else {
        field.append((char) c);
        if (!Character.isWhitespace(c)) {
          rowHasContent = true;
        }
      }
      c = next;
    }
    if (quoted) {
      problems.add(Problem.error(name + ":" + rowLine, "a quoted field is not closed before the end of the file"));
    } else if (rowHasContent || !field.toString().isBlank()) {
      fields.add(wasQuoted ? field.toString() : field.toString().strip());
      rows.add(new Row(rowLine, List.copyOf(fields)));
    }
    return rows;
  }
}
