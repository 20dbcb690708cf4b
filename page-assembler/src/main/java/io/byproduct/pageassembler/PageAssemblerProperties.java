package io.byproduct.pageassembler;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The page assembler's settings.
 *
 * @param groupId consumer group; empty: the topic prefix + "page-assembler"
 * @param pollTimeout longest wait for new records in one poll
 * @param initialBackoff first wait after a failed DynamoDB write (doubles up to maxBackoff)
 * @param maxBackoff longest wait between retries of a write that keeps failing transiently
 */
@Validated
@ConfigurationProperties("byproduct.page-assembler")
public record PageAssemblerProperties(
    @DefaultValue("") @Pattern(regexp = "[a-zA-Z0-9._-]*") String groupId,
    @NotNull @DefaultValue("500ms") Duration pollTimeout,
    @NotNull @DefaultValue("100ms") Duration initialBackoff,
    @NotNull @DefaultValue("30s") Duration maxBackoff) {}
