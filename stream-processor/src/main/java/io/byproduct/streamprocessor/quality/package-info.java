/**
 * The quality topology: from the stored pages and the HITs' review sections, live selection
 * frequency per (image, class), scores per worker and per assignment, and flags with reasons.
 * {@link io.byproduct.streamprocessor.quality.QualityTopology} is the pure factory.
 */
package io.byproduct.streamprocessor.quality;
