package io.byproduct.gateway.secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * Refuses to start with a secret that is a public demo value (the values the compose files once
 * fell back to), or with one value serving two purposes: whoever holds the review token must not be
 * able to watch live streams, and whoever verifies survey codes must not be able to test raw worker
 * ids against pseudonyms. {@code byproduct.gateway.allow-demo-secrets=true} (the devstack sets it)
 * lifts both rules. The message names the properties, never the values.
 */
public final class SecretsCheck {

  /** The secrets by property, in order, with the environment variable that sets each. */
  static final Map<String, String> SECRETS = secrets();

  /** Values published in this repository's history: anyone can read them. */
  static final Set<String> DEMO_VALUES = Set.of("demo-only-worker-id-key-change-me", "demo-only-requester-token");

  static final String ALLOW = "byproduct.gateway.allow-demo-secrets";

  private SecretsCheck() {}

  private static Map<String, String> secrets() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("byproduct.gateway.worker-id-key", "BYPRODUCT_GATEWAY_WORKERIDKEY");
    secrets.put("byproduct.gateway.survey-code-key", "BYPRODUCT_GATEWAY_SURVEYCODEKEY");
    secrets.put("byproduct.gateway.live.token", "BYPRODUCT_GATEWAY_LIVE_TOKEN");
    secrets.put("byproduct.gateway.review.token", "BYPRODUCT_GATEWAY_REVIEW_TOKEN");
    return Collections.unmodifiableMap(secrets);
  }

  /** The problems found, empty if none; each names the property and the fix. */
  public static List<String> problems(Environment environment) {
    if (environment.getProperty(ALLOW, Boolean.class, false)) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (String property : SECRETS.keySet()) {
      String value = environment.getProperty(property);
      if (value == null || value.isBlank()) {
        continue;
      }
      if (DEMO_VALUES.contains(value.trim()) || value.trim().startsWith("demo-only-")) {
        problems.add(property + " is a public demo value: set a secret of your own (" + SECRETS.get(property)
            + ", e.g. openssl rand -hex 32)");
      }
      String earlier = seen.putIfAbsent(value, property);
      if (earlier != null) {
        problems.add(property + " has the same value as " + earlier + ": each purpose needs its own secret");
      }
    }
    return problems;
  }

  /** Fails the start if there is a problem; {@link #ALLOW} skips the check (local demos only). */
  public static void verify(Environment environment) {
    List<String> problems = problems(environment);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Refusing to start: " + String.join("; ", problems)
          + ". (Only for a local demo: " + ALLOW + "=true.)");
    }
  }
}
