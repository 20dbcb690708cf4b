package io.byproduct.analytics.export;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DuckDB in process (its JDBC driver): reads exported files as an analyst would, with its own readers. */
final class DuckDb implements AutoCloseable {

  private final Connection connection;

  DuckDb() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
  }

  /** A file as a table expression: {@code 'path'} (DuckDB picks the reader by the extension). */
  static String file(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  List<Map<String, Object>> query(String sql) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnName(i), result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The single value of a one-row, one-column query. */
  Object value(String sql) throws SQLException {
    List<Map<String, Object>> rows = query(sql);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new IllegalStateException("expected one value from " + sql + ", got " + rows);
    }
    return rows.get(0).values().iterator().next();
  }

  long count(String sql) throws SQLException {
    return ((Number) value(sql)).longValue();
  }

  /** Column name to DuckDB type, in file order. */
  Map<String, String> columns(Path file) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    for (Map<String, Object> row : query("DESCRIBE SELECT * FROM " + file(file))) {
      columns.put((String) row.get("column_name"), (String) row.get("column_type"));
    }
    return columns;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
