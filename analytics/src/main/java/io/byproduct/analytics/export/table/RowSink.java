package io.byproduct.analytics.export.table;

import java.io.Closeable;
import java.io.IOException;

/** Where the rows of one flat table are written, whatever the file format. */
public interface RowSink extends Closeable {

  /** One row, values in the table's column order (nulls allowed). */
  void write(Object[] row) throws IOException;

  /** Rows written so far. */
  long rows();
}
