package io.byproduct.streamprocessor.quality;

import io.byproduct.schemas.quality.AssignmentQuality;
import io.byproduct.schemas.quality.HitReview;
import io.byproduct.schemas.quality.ImageJudgement;
import io.byproduct.schemas.quality.ImageVotes;
import io.byproduct.schemas.quality.PageScore;
import io.byproduct.schemas.quality.WorkerQuality;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.topics.Topic;
import io.byproduct.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The quality topology, a pure factory:
 *
 * <pre>
 * hit-reviews --> hit-reviews (global store: each HIT's page classes and controls)
 * pages --> score-pages [scored-pages]   submitted pages once each (latest revision), controls applied
 *             |--> by-assignment  sum-assignment-scores [assignment-scores] --> quality-assignments
 *             |--> key-by-worker  --repartition quality-by-worker--> sum-worker-scores [worker-scores] --> quality-workers
 *             '--> judgements-by-image --repartition quality-by-image--> count-image-votes [image-votes]
 *                                                                --> image-frequency --> quality-images
 * </pre>
 *
 * Every node, store and repartition topic is named. A replaced page revision is taken back (sign
 * -1) before its successor is added, so every sum holds each page once.
 */
public final class QualityTopology {

  public static final String HIT_REVIEWS_SOURCE = "hit-reviews-source";
  public static final String PAGES_SOURCE = "quality-pages-source";
  public static final String SCORE_PAGES = "score-pages";

  public static final String HIT_REVIEWS_STORE = "hit-reviews";
  public static final String SCORED_PAGES_STORE = "scored-pages";
  public static final String ASSIGNMENT_STORE = "assignment-scores";
  public static final String WORKER_STORE = "worker-scores";
  public static final String IMAGE_VOTES_STORE = "image-votes";

  /** Repartition topics (the application id is put before, "-repartition" after). */
  public static final String BY_WORKER = "quality-by-worker";
  public static final String BY_IMAGE = "quality-by-image";

  private QualityTopology() {}

  public static Topology build(Topics topics, QualityThresholds thresholds, boolean persistentStores) {
    Serde<String> keys = Serdes.String();
    Serde<PageScore> scores = AvroSerde.of(PageScore.class);
    Scores sums = new Scores(thresholds);
    ImageVoting voting = new ImageVoting(thresholds.maxWorkersPerImage());
    StreamsBuilder builder = new StreamsBuilder();

    builder.globalTable(topics.hitReviews.name(),
        Consumed.with(keys, topics.hitReviews.valueSerde()).withName(HIT_REVIEWS_SOURCE),
        QualityTopology.<HitReview>materialized(HIT_REVIEWS_STORE, topics.hitReviews.valueSerde(), persistentStores));
    builder.addStateStore(Stores.keyValueStoreBuilder(persistentStores
        ? Stores.persistentKeyValueStore(SCORED_PAGES_STORE)
        : Stores.inMemoryKeyValueStore(SCORED_PAGES_STORE), keys, scores));

    KStream<String, PageScore> scored = builder
        .stream(topics.pages.name(), Consumed.with(keys, topics.pages.valueSerde()).withName(PAGES_SOURCE))
        .processValues(() -> new PageScoring(thresholds), Named.as(SCORE_PAGES), SCORED_PAGES_STORE);

    KTable<String, AssignmentQuality> assignments = scored
        .groupByKey(Grouped.with("by-assignment", keys, scores))
        .aggregate(Scores::noAssignment, (key, page, total) -> sums.add(page, total),
            Named.as("sum-assignment-scores"),
            materialized(ASSIGNMENT_STORE, topics.qualityAssignments.valueSerde(), persistentStores));
    to(assignments.toStream(Named.as("assignment-scores-changes")), topics.qualityAssignments, "quality-assignments-sink");

    KTable<String, WorkerQuality> workers = scored
        .selectKey((key, page) -> Scores.workerKey(page), Named.as("key-by-worker"))
        .groupByKey(Grouped.with(BY_WORKER, keys, scores))
        .aggregate(Scores::noWorker, (key, page, total) -> sums.add(page, total),
            Named.as("sum-worker-scores"),
            materialized(WORKER_STORE, topics.qualityWorkers.valueSerde(), persistentStores));
    to(workers.toStream(Named.as("worker-scores-changes")), topics.qualityWorkers, "quality-workers-sink");

    KTable<String, ImageVotes> votes = scored
        .flatMap((key, page) -> ImageVoting.judgements(page), Named.as("judgements-by-image"))
        .groupByKey(Grouped.with(BY_IMAGE, keys, AvroSerde.of(ImageJudgement.class)))
        .aggregate(ImageVoting::none, (key, judgement, total) -> voting.add(judgement, total),
            Named.as("count-image-votes"),
            materialized(IMAGE_VOTES_STORE, AvroSerde.of(ImageVotes.class), persistentStores));
    to(votes.toStream(Named.as("image-votes-changes"))
        .mapValues(ImageVoting::frequency, Named.as("image-frequency")), topics.qualityImages, "quality-images-sink");

    return builder.build();
  }

  private static <V> void to(KStream<String, V> stream, Topic<String, V> topic, String name) {
    stream.to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(name));
  }

  private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> materialized(String name, Serde<V> values,
      boolean persistent) {
    Materialized<String, V, KeyValueStore<Bytes, byte[]>> m = persistent
        ? Materialized.as(name)
        : Materialized.as(Stores.inMemoryKeyValueStore(name));
    return m.withKeySerde(Serdes.String()).withValueSerde(values);
  }
}
