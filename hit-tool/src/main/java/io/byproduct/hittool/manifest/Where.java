package io.byproduct.hittool.manifest;

/**
 * A place in the input: file, line (1-based; 0 when not from a file) and a path inside it, such as
 * {@code images[3].url} or, for a CSV file, the column.
 */
record Where(String file, int line, String path) {

  static Where inMemory(String path) {
    return new Where(null, 0, path);
  }

  Where child(String field) {
    return new Where(file, line, path.isEmpty() ? field : path + "." + field);
  }

  @Override
  public String toString() {
    String place = file == null ? "" : file + (line > 0 ? ":" + line : "");
    if (path.isEmpty()) {
      return place;
    }
    return place.isEmpty() ? path : place + ": " + path;
  }
}
