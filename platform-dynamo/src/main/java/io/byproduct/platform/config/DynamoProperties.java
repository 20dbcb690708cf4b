package io.byproduct.platform.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How every service reaches DynamoDB. With an {@code endpoint} (dynalite locally and in tests) the
 * static credentials below are used; without one, the AWS SDK's default region and credential
 * chain apply (real AWS).
 *
 * @param endpoint endpoint override, e.g. http://127.0.0.1:4567; empty for real AWS
 * @param region AWS region
 * @param accessKeyId only with an endpoint override (dynalite accepts any)
 * @param secretAccessKey only with an endpoint override (dynalite accepts any)
 * @param callTimeout timeout of one DynamoDB call including retries
 * @param tables table names
 */
@Validated
@ConfigurationProperties("byproduct.dynamo")
public record DynamoProperties(
    URI endpoint,
    @NotBlank @DefaultValue("us-east-1") String region,
    @DefaultValue("local") String accessKeyId,
    @DefaultValue("local") String secretAccessKey,
    @NotNull @DefaultValue("10s") Duration callTimeout,
    @Valid @NotNull @DefaultValue TableNames tables) {

  private static final String TABLE_NAME = "[a-zA-Z0-9_.-]{3,255}";
  private static final String TABLE_NAME_MESSAGE = "must be 3 to 255 letters, digits, '_', '-' or '.'";

  /**
   * Names of the tables: the seed's three, the catalog of classes and images (with their annotation
   * counts), the sandbox mode's submissions, the markers of what was counted and the live quality
   * scores.
   */
  public record TableNames(
      @DefaultValue("ImageNetHIT") @Pattern(regexp = TABLE_NAME, message = TABLE_NAME_MESSAGE) String hit,
      @DefaultValue("ImageNetAnnotation") @Pattern(regexp = TABLE_NAME, message = TABLE_NAME_MESSAGE) String annotation,
      @DefaultValue("ImageNetAnnotationPage") @Pattern(regexp = TABLE_NAME, message = TABLE_NAME_MESSAGE) String page,
      @DefaultValue("ImageNetClass") @Pattern(regexp = TABLE_NAME, message = TABLE_NAME_MESSAGE) String imageClass,
      @DefaultValue("ImageNetImage") @Pattern(regexp = TABLE_NAME, message = TABLE_NAME_MESSAGE) String image,
      @DefaultValue("ImageNetSandboxAnnotation") @Pattern(regexp = TABLE_NAME, message = TABLE_NAME_MESSAGE)
      String sandbox,
      @DefaultValue("ImageNetCountMarker") @Pattern(regexp = TABLE_NAME, message = TABLE_NAME_MESSAGE)
      String countMarker,
      @DefaultValue("ImageNetQuality") @Pattern(regexp = TABLE_NAME, message = TABLE_NAME_MESSAGE)
      String quality) {

    @ConstructorBinding
    public TableNames {}

    /** The seed's three tables named as given, the others by their defaults. */
    public TableNames(String hit, String annotation, String page) {
      this(hit, annotation, page, "ImageNetClass", "ImageNetImage", "ImageNetSandboxAnnotation");
    }

    /** The catalog's and the sandbox's tables named as given, the count markers' by its default. */
    public TableNames(String hit, String annotation, String page, String imageClass, String image, String sandbox) {
      this(hit, annotation, page, imageClass, image, sandbox, "ImageNetCountMarker");
    }

    /** The live quality's table named by its default. */
    public TableNames(String hit, String annotation, String page, String imageClass, String image, String sandbox,
        String countMarker) {
      this(hit, annotation, page, imageClass, image, sandbox, countMarker, "ImageNetQuality");
    }

    /** Every table's default name with a prefix (e.g. a replay's own tables). */
    public static TableNames withPrefix(String prefix) {
      return new TableNames(prefix + "ImageNetHIT", prefix + "ImageNetAnnotation", prefix + "ImageNetAnnotationPage",
          prefix + "ImageNetClass", prefix + "ImageNetImage", prefix + "ImageNetSandboxAnnotation",
          prefix + "ImageNetCountMarker", prefix + "ImageNetQuality");
    }
  }
}
