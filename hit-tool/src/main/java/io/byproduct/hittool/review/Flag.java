package io.byproduct.hittool.review;

/**
 * Why an assignment should be rejected.
 *
 * @param code a short stable name (summaries, tests): {@code fails-positive-controls}, {@code too-fast} ...
 * @param reason the sentence the worker reads on MTurk
 */
public record Flag(String code, String reason) {}
