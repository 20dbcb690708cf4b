package io.byproduct.platform.startup;

import java.util.List;

/** Creates or checks one kind of infrastructure from the shared definitions: topics, or tables. */
public interface Provisioner {

  /** Creates what is missing; returns the names created (none when all exist). */
  List<String> createMissing();

  /** Checks that everything exists, else throws an {@link InfrastructureException} naming the property. */
  void verify();
}
