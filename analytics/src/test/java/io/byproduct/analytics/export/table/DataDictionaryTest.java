package io.byproduct.analytics.export.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data dictionary documents every column of every flat table, under the table's own heading. */
class DataDictionaryTest {

  @Test
  void everyColumnOfEveryTable_isInTheDataDictionary_underItsTable() throws Exception {
    String dictionary = Files.readString(Path.of("..", "docs", "data-dictionary.md"));
    for (Table table : List.of(PageTables.PAGES.table(), PageTables.IMAGES.table(), PageTables.HOVERS.table(),
        PageTables.POINTS.table(), PageTables.CLICKS.table(), EventTable.TABLE)) {
      int start = dictionary.indexOf("#### `" + table.name() + "`");
      assertThat(start).as("a section for " + table.name()).isPositive();
      int end = dictionary.indexOf("\n#", start + 1);
      String section = dictionary.substring(start, end < 0 ? dictionary.length() : end);
      for (Column column : table.columns()) {
        assertThat(section).as(table.name() + "." + column.name())
            .contains("| `" + column.name() + "` | " + column.type().name().toLowerCase() + " |");
      }
    }
  }
}
