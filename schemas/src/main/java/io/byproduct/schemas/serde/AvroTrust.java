package io.byproduct.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate classes outside its trusted set. This trusts the generated
 * classes under {@code io.byproduct.schemas} in addition to whatever is trusted already (the
 * defaults and {@code org.apache.avro.SERIALIZABLE_PACKAGES}).
 */
final class AvroTrust {

  static final String OUR_PACKAGE = "io.byproduct.schemas.";

  private static boolean done;

  private AvroTrust() {}

  static synchronized void ensureTrusted() {
    if (done) {
      return;
    }
    ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityPredicate ours = type -> type.getName().startsWith(OUR_PACKAGE);
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, ours));
    done = true;
  }
}
