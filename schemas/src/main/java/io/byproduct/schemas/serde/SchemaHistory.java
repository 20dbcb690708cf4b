package io.byproduct.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every published version of a record's schema, frozen as {@code schema-history/<Name>/v<N>.avsc}
 * on the classpath. Decoders learn all of them so that data written by an older producer is
 * still read (Avro single-object encoding names its writer schema by fingerprint).
 *
 * <p>When a schema changes, add the next {@code vN.avsc} (the full, self-contained schema) and
 * keep the old ones: {@code SchemaEvolutionTest} fails until the newest file equals the
 * schema compiled into the classes.
 */
public final class SchemaHistory {

  private static final String ROOT = "schema-history/";

  private SchemaHistory() {}

  /** Versions of the named record (simple name, e.g. {@code PageRecord}), oldest first. */
  public static List<Schema> versions(String recordName) {
    List<Schema> versions = new ArrayList<>();
    ClassLoader loader = SchemaHistory.class.getClassLoader();
    for (int v = 1; ; v++) {
      String path = ROOT + recordName + "/v" + v + ".avsc";
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + path, e);
      }
    }
  }
}
