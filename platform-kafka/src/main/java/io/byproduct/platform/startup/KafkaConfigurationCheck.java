package io.byproduct.platform.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before a Kafka client is built, the combinations of settings that bean validation cannot
 * see and that would otherwise fail late or silently on a real cluster: TLS/SASL settings that
 * cannot work as given. Called where every client gets its settings
 * ({@code KafkaProperties.clientProperties()}); a problem stops the start with an
 * {@link InfrastructureException} naming the property. Secrets are never shown.
 */
public final class KafkaConfigurationCheck {

  private static final Logger log = LoggerFactory.getLogger(KafkaConfigurationCheck.class);
  private static final String KAFKA = "byproduct.kafka.properties.";
  private static final List<String> FILE_PROPERTIES = List.of(
      "ssl.truststore.location", "ssl.keystore.location", "sasl.oauthbearer.jwks.endpoint.file");

  private KafkaConfigurationCheck() {}

  public static void checkKafka(Map<String, String> properties) {
    String protocol = properties.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
    String mechanism = properties.get("sasl.mechanism");
    boolean sasl = protocol.startsWith("SASL_");
    if (mechanism != null && !sasl) {
      throw new InfrastructureException(KAFKA + "security.protocol", protocol,
          "sasl.mechanism=" + mechanism + " is set, but security.protocol is " + protocol
              + ", so the clients would not authenticate",
          "Set " + KAFKA + "security.protocol=SASL_SSL (SASL_PLAINTEXT only inside a trusted network).");
    }
    if (sasl && !properties.containsKey("sasl.jaas.config")
        && System.getProperty("java.security.auth.login.config") == null) {
      throw new InfrastructureException(KAFKA + "sasl.jaas.config", "(not set)",
          "security.protocol=" + protocol + " with sasl.mechanism=" + (mechanism == null ? "GSSAPI (Kafka's default)" : mechanism)
              + " needs the login module and its credentials",
          "Set " + KAFKA + "sasl.jaas.config, with the secret from the environment, e.g. "
              + "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"${KAFKA_USERNAME}\" "
              + "password=\"${KAFKA_PASSWORD}\"; (see docs/operations.md).");
    }
    for (String fileProperty : FILE_PROPERTIES) {
      String file = properties.get(fileProperty);
      if (file != null && !file.isBlank() && !Files.isReadable(Path.of(file))) {
        throw new InfrastructureException(KAFKA + fileProperty, file, "The file does not exist or cannot be read",
            "Mount the file into the container (or fix the path); or, for a cluster whose certificate a public CA"
                + " signed, leave " + KAFKA + fileProperty + " out: the JVM's CA certificates apply.");
      }
    }
  }
}
