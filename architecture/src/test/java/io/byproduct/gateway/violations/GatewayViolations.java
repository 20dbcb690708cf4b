package io.byproduct.gateway.violations;

import io.byproduct.localinfra.LocalKafka;
import io.byproduct.pageassembler.PageAssemblerApplication;
import io.byproduct.platform.annotations.AnnotationItems;
import io.byproduct.platform.catalog.AnnotationCounts;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.pages.PageItems;

/**
 * Code that breaks each boundary, as if it were in the gateway: the rules must find it
 * ({@code io.byproduct.architecture.RulesFindViolationsTest}). Never run, never deployed (a test class).
 */
public final class GatewayViolations {

  private GatewayViolations() {}

  public static final class ImportsAnotherService {
    Class<?> other = PageAssemblerApplication.class;
  }

  public static final class UsesLocalInfra {
    String brokers(LocalKafka kafka) {
      return kafka.bootstrapServers();
    }
  }

  public static final class WritesAnnotations {
    Object write() {
      return AnnotationItems.itemOf(null);
    }
  }

  public static final class WritesPages {
    Object write() {
      return PageItems.itemsOf(null);
    }
  }

  public static final class Counts {
    Object count() {
      return new AnnotationCounts(null, null, null);
    }
  }

  public static final class WritesHits {
    void write(HitStore hits) {
      hits.put("{}");
    }
  }
}
