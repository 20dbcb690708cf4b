package io.byproduct.analytics.labels;

/** What is labelled: whether image {@code imageId} shows class {@code classId}. */
public record ItemKey(String imageId, String classId) {}
