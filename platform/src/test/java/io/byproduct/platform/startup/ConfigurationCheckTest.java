package io.byproduct.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.byproduct.platform.config.DynamoProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationCheckTest {

  private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
      + "username=\"u\" password=\"p\";";

  private static DynamoProperties dynamo(String endpoint, String keyId, String secret) {
    return new DynamoProperties(endpoint == null ? null : URI.create(endpoint), "eu-west-1", keyId, secret,
        Duration.ofSeconds(10), new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage"));
  }

  @Test
  void realAws_withAccessKeysAsProperties_isRefused_namingThePropertyButNotTheKey() {
    InfrastructureException e = catchThrowableOfType(InfrastructureException.class,
        () -> ConfigurationCheck.checkDynamo(dynamo(null, "AKIAEXAMPLEKEY", "wJalrXUtnFEMI")));

    assertThat(e.property()).isEqualTo("byproduct.dynamo.access-key-id");
    assertThat(e.getMessage()).doesNotContain("AKIAEXAMPLEKEY").doesNotContain("wJalrXUtnFEMI")
        .contains("default credential chain");
    assertThat(catchThrowableOfType(InfrastructureException.class,
        () -> ConfigurationCheck.checkDynamo(dynamo(null, "local", "secret"))).property())
        .isEqualTo("byproduct.dynamo.secret-access-key");
  }

  @Test
  void realAws_withTheDefaultChain_andAnEndpointWithKeys_areAccepted() {
    assertThatCode(() -> ConfigurationCheck.checkDynamo(dynamo(null, "local", "local"))).doesNotThrowAnyException();
    assertThatCode(() -> ConfigurationCheck.checkDynamo(dynamo("http://127.0.0.1:8000", "any", "thing")))
        .doesNotThrowAnyException();
  }

  @Test
  void saslWithoutJaasConfig_isRefused_namingIt() {
    InfrastructureException e = catchThrowableOfType(InfrastructureException.class, () -> ConfigurationCheck.checkKafka(
        Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512")));

    assertThat(e.property()).isEqualTo("byproduct.kafka.properties.sasl.jaas.config");
    assertThat(e.problem()).contains("SCRAM-SHA-512");
    assertThat(e.action()).contains("${KAFKA_PASSWORD}");
  }

  @Test
  void saslMechanism_overAPlaintextProtocol_isRefused_namingTheProtocol() {
    InfrastructureException e = catchThrowableOfType(InfrastructureException.class, () -> ConfigurationCheck.checkKafka(
        Map.of("sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS)));

    assertThat(e.property()).isEqualTo("byproduct.kafka.properties.security.protocol");
    assertThat(e.value()).isEqualTo("PLAINTEXT");
    assertThat(e.getMessage()).doesNotContain("password");
  }

  @Test
  void missingTrustStoreFile_isRefused_anExistingOneAndACompleteSaslSetup_areAccepted(@TempDir Path dir) throws Exception {
    InfrastructureException e = catchThrowableOfType(InfrastructureException.class, () -> ConfigurationCheck.checkKafka(
        Map.of("security.protocol", "SSL", "ssl.truststore.location", dir.resolve("absent.jks").toString())));
    assertThat(e.property()).isEqualTo("byproduct.kafka.properties.ssl.truststore.location");

    Path truststore = Files.writeString(dir.resolve("truststore.jks"), "x");
    assertThatCode(() -> ConfigurationCheck.checkKafka(Map.of("security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS, "ssl.truststore.location", truststore.toString())))
        .doesNotThrowAnyException();
    assertThatCode(() -> ConfigurationCheck.checkKafka(Map.of())).doesNotThrowAnyException();
  }
}
