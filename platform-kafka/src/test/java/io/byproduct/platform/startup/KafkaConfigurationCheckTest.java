package io.byproduct.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConfigurationCheckTest {

  private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
      + "username=\"u\" password=\"p\";";

  @Test
  void saslWithoutJaasConfig_isRefused_namingIt() {
    InfrastructureException e = catchThrowableOfType(InfrastructureException.class, () -> KafkaConfigurationCheck.checkKafka(
        Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512")));

    assertThat(e.property()).isEqualTo("byproduct.kafka.properties.sasl.jaas.config");
    assertThat(e.problem()).contains("SCRAM-SHA-512");
    assertThat(e.action()).contains("${KAFKA_PASSWORD}");
  }

  @Test
  void saslMechanism_overAPlaintextProtocol_isRefused_namingTheProtocol() {
    InfrastructureException e = catchThrowableOfType(InfrastructureException.class, () -> KafkaConfigurationCheck.checkKafka(
        Map.of("sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS)));

    assertThat(e.property()).isEqualTo("byproduct.kafka.properties.security.protocol");
    assertThat(e.value()).isEqualTo("PLAINTEXT");
    assertThat(e.getMessage()).doesNotContain("password");
  }

  @Test
  void missingTrustStoreFile_isRefused_anExistingOneAndACompleteSaslSetup_areAccepted(@TempDir Path dir) throws Exception {
    InfrastructureException e = catchThrowableOfType(InfrastructureException.class, () -> KafkaConfigurationCheck.checkKafka(
        Map.of("security.protocol", "SSL", "ssl.truststore.location", dir.resolve("absent.jks").toString())));
    assertThat(e.property()).isEqualTo("byproduct.kafka.properties.ssl.truststore.location");

    Path truststore = Files.writeString(dir.resolve("truststore.jks"), "x");
    assertThatCode(() -> KafkaConfigurationCheck.checkKafka(Map.of("security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS, "ssl.truststore.location", truststore.toString())))
        .doesNotThrowAnyException();
    assertThatCode(() -> KafkaConfigurationCheck.checkKafka(Map.of())).doesNotThrowAnyException();
  }
}
