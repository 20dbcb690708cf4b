package io.byproduct.analytics;

import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import io.byproduct.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test data: pages and event scripts, and a producer that writes them with chosen timestamps. */
public final class Fixtures {

  private Fixtures() {}

  public static void createTopics(String bootstrap, String prefix, int partitions) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      new TopicProvisioner(admin, Topics.withPrefix(prefix), new TopicsProperties(prefix, partitions, Map.of(), (short) 1),
          bootstrap, Duration.ofSeconds(30)).createMissing();
    }
  }

  public static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", true,
        "max.request.size", 16 << 20), new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends and waits until the broker has it: a fixture that silently lost a record would fail a test far away. */
  public static void send(KafkaProducer<String, byte[]> producer, Topics topics, PageRecord page, long timestamp) {
    durable(producer.send(new ProducerRecord<>(topics.pages.name(), null, timestamp, page.getAnnotationId(),
        ((io.byproduct.schemas.serde.AvroSerde<PageRecord>) topics.pages.valueSerde()).encode(page))));
  }

  /** Sends and waits until the broker has it. */
  public static void send(KafkaProducer<String, byte[]> producer, Topics topics, InteractionEvent event, long timestamp) {
    durable(producer.send(new ProducerRecord<>(topics.interactions.name(), null, timestamp, event.getAnnotationId(),
        ((io.byproduct.schemas.serde.AvroSerde<InteractionEvent>) topics.interactions.valueSerde()).encode(event))));
  }

  private static void durable(java.util.concurrent.Future<?> sent) {
    try {
      sent.get(150, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("a fixture record was not written: " + e, e);
    }
  }

  /** Every row of a Parquet file, read back with parquet-avro's reader. */
  public static List<org.apache.avro.generic.GenericRecord> readParquet(java.nio.file.Path file) throws Exception {
    List<org.apache.avro.generic.GenericRecord> records = new ArrayList<>();
    try (org.apache.parquet.hadoop.ParquetReader<org.apache.avro.generic.GenericRecord> reader =
        org.apache.parquet.avro.AvroParquetReader.<org.apache.avro.generic.GenericRecord>builder(
            new org.apache.parquet.io.LocalInputFile(file))
        .withDataModel(org.apache.avro.generic.GenericData.get())
        .withConf(new org.apache.parquet.conf.PlainParquetConfiguration()).build()) {
      for (var r = reader.read(); r != null; r = reader.read()) {
        records.add(r);
      }
    }
    return records;
  }

  public static PageRecord page(String annotation, int pageNo, String dataset, String hit, int images, long seed) {
    Random random = new Random(seed);
    List<ImageRecord> records = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      List<TrackPoint> track = new ArrayList<>();
      long t = 1_767_225_600_000L + i * 1000;
      int points = random.nextInt(6);
      for (int p = 0; p < points; p++) {
        track.add(new TrackPoint(random.nextInt(10_001) / 10_000.0, random.nextInt(10_001) / 10_000.0, t + p * 17));
      }
      boolean selected = random.nextBoolean();
      records.add(ImageRecord.newBuilder().setImageID("n0144/img_" + pageNo + "_" + i)
          .setOriginalImageHeight(375).setOriginalImageWidth(500).setImageHeight(255).setImageWidth(340)
          .setImagePosition(new Position(8 + (i % 3) * 348, 260 + (i / 3) * 348))
          .setHoveredRecord(points == 0 ? List.of()
              : List.of(new HoverAction(HoverActionKind.enter, t), new HoverAction(HoverActionKind.leave, t + points * 17)))
          .setHoveredCount(points == 0 ? 0 : 1).setMouseTracking(track).setSelected(selected)
          .setSelectedCount(selected ? 1 : 0).setSelectedRecord(selected ? List.of(new TrackPoint(0.5, 0.25, t + 5)) : List.of())
          .setEstimateTime(points * 17L).setWorkerId("W" + annotation.hashCode()).build());
    }
    return PageRecord.newBuilder().setAnnotationId(annotation).setPageId(seed % 3 == 0 ? null : "page-" + seed)
        .setPageNo(pageNo).setHitDatasetName(dataset).setImageNetHitId(hit).setWorkerId("W" + annotation.hashCode())
        .setVersion("POINTER_ORIGINAL").setStartedAt(1_767_225_600_000L).setEndedAt(1_767_225_700_000L + seed)
        .setStatus(seed % 3 == 0 ? PageStatus.ABANDONED : PageStatus.SUBMITTED).setEventCount(100 + seed)
        .setImages(records).build();
  }

  /** Sends a batch and waits until the broker has it. */
  public static void send(KafkaProducer<String, byte[]> producer, Topics topics, InteractionBatch batch, long timestamp) {
    durable(producer.send(new ProducerRecord<>(topics.interactions.name(), null, timestamp, batch.getAnnotationId(),
        InteractionRecords.batches().encode(batch))));
  }

  /**
   * The events as a frame's events are (so that runs of them pack into batches): coordinates in
   * images on the wire's 1e-4 grid, every event the gateway time of the last.
   */
  public static List<InteractionEvent> asFrameEvents(List<InteractionEvent> events) {
    long gatewayTime = events.get(events.size() - 1).getGatewayTime();
    List<InteractionEvent> framed = new ArrayList<>();
    for (InteractionEvent e : events) {
      InteractionEvent copy = InteractionEvent.newBuilder(e).setGatewayTime(gatewayTime).build();
      if (copy.getPayload() instanceof PointerSample p) {
        copy.setPayload(new PointerSample(p.getImageId(), Math.round(p.getX() * 1e4) / 1e4, Math.round(p.getY() * 1e4) / 1e4));
      }
      framed.add(copy);
    }
    return framed;
  }

  public static InteractionEvent event(String annotation, String session, long seq, String dataset, int pageNo, long time,
      Object payload) {
    return InteractionEvent.newBuilder().setEventId(session + ":" + seq).setSessionId(session).setSeq(seq)
        .setAnnotationId(annotation).setHitDatasetName(dataset).setImageNetHitId("hit-1").setPageNo(pageNo)
        .setWorkerId("W" + annotation.hashCode()).setAssignmentId("AS").setHitId("MT")
        .setVersion(InterfaceVersion.POINTER_ORIGINAL).setClientTime(time).setGatewayTime(time).setPayload(payload)
        .build();
  }

  /**
   * The events of a page of two images: opened, laid out, a hover with samples, a click, and, if
   * {@code submit}, Submit (the HIT starts on page 1 and finishes on {@code lastPage}).
   */
  public static List<InteractionEvent> pageEvents(String annotation, String session, long firstSeq, String dataset,
      int pageNo, long start, boolean submit, boolean lastPage) {
    List<InteractionEvent> events = new ArrayList<>();
    long[] seq = {firstSeq};
    java.util.function.BiConsumer<Long, Object> add = (time, payload) ->
        events.add(event(annotation, session, seq[0]++, dataset, pageNo, time, payload));
    List<String> images = List.of("n0144/" + annotation + "_" + pageNo + "_a", "n0144/" + annotation + "_" + pageNo + "_b");
    if (pageNo == 1) {
      add.accept(start, new HitStarted(start, ""));
    }
    add.accept(start, new PageOpened("c" + pageNo, "n0144", List.of("tench"), images, 2));
    add.accept(start + 5, new ImageLaidOut(images.get(0), 8.0, 260.0, 340.0, 255.0, 500, 375));
    add.accept(start + 6, new ImageLaidOut(images.get(1), 356.0, 260.0, 340.0, 226.67, 500, 333));
    add.accept(start + 500, new HoverChanged(images.get(0), true));
    for (int i = 0; i < 12; i++) {
      add.accept(start + 500 + i * 17, new PointerSample(images.get(0), 0.1 + i * 0.05, 0.2 + i * 0.03));
    }
    add.accept(start + 720, new SelectionToggled(images.get(0), 0.65, 0.53, true));
    add.accept(start + 800, new HoverChanged(images.get(0), false));
    add.accept(start + 900, new HoverChanged(images.get(1), true));
    add.accept(start + 900, new PointerSample(images.get(1), 0.5, 0.5));
    add.accept(start + 1000, new HoverChanged(images.get(1), false));
    if (submit) {
      add.accept(start + 1200, new PageSubmitted("page-" + annotation + "-" + pageNo, start, lastPage));
      if (lastPage) {
        add.accept(start + 1200, new HitFinished(pageNo));
      }
    }
    return events;
  }
}
