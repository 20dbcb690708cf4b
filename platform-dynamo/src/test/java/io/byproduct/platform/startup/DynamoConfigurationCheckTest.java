package io.byproduct.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.byproduct.platform.config.DynamoProperties;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DynamoConfigurationCheckTest {

  private static DynamoProperties dynamo(String endpoint, String keyId, String secret) {
    return new DynamoProperties(endpoint == null ? null : URI.create(endpoint), "eu-west-1", keyId, secret,
        Duration.ofSeconds(10), new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage"));
  }

  @Test
  void realAws_withAccessKeysAsProperties_isRefused_namingThePropertyButNotTheKey() {
    InfrastructureException e = catchThrowableOfType(InfrastructureException.class,
        () -> DynamoConfigurationCheck.checkDynamo(dynamo(null, "AKIAEXAMPLEKEY", "wJalrXUtnFEMI")));

    assertThat(e.property()).isEqualTo("byproduct.dynamo.access-key-id");
    assertThat(e.getMessage()).doesNotContain("AKIAEXAMPLEKEY").doesNotContain("wJalrXUtnFEMI")
        .contains("default credential chain");
    assertThat(catchThrowableOfType(InfrastructureException.class,
        () -> DynamoConfigurationCheck.checkDynamo(dynamo(null, "local", "secret"))).property())
        .isEqualTo("byproduct.dynamo.secret-access-key");
  }

  @Test
  void realAws_withTheDefaultChain_andAnEndpointWithKeys_areAccepted() {
    assertThatCode(() -> DynamoConfigurationCheck.checkDynamo(dynamo(null, "local", "local"))).doesNotThrowAnyException();
    assertThatCode(() -> DynamoConfigurationCheck.checkDynamo(dynamo("http://127.0.0.1:8000", "any", "thing")))
        .doesNotThrowAnyException();
  }
}
