/**
 * The HITs' review sections (page classes and controls) as records on the compacted topic
 * {@code hit-reviews}, which the stream processor's quality topology scores the pages against.
 */
package io.byproduct.hittool.reviews;
