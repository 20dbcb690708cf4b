package io.byproduct.deploy.init;

import io.byproduct.hittool.demo.DemoDataset;
import io.byproduct.hittool.reviews.HitReviewPublisher;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The compose files' one-shot init job: creates the missing topics and tables from the platform's
 * definitions (with the replication and partitions configured, so a cluster gets replicated
 * topics), then writes the demo dataset — the SVG images into the folder the gateway serves, the
 * HITs and the catalog of classes and images into DynamoDB — and exits 0. Running it again changes nothing.
 */
@SpringBootApplication
@EnableConfigurationProperties(InitProperties.class)
public class InitJob implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(InitJob.class);

  private final InitProperties properties;
  private final HitStore hits;
  private final Catalog catalog;
  private final KafkaProperties kafka;
  private final Topics topics;

  public InitJob(InitProperties properties, HitStore hits, Catalog catalog, KafkaProperties kafka, Topics topics) {
    this.properties = properties;
    this.hits = hits;
    this.catalog = catalog;
    this.kafka = kafka;
    this.topics = topics;
  }

  /** Reads {@code init.properties}, which turns on creating the missing topics and tables. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(InitJob.class).web(WebApplicationType.NONE)
        .properties("spring.config.name=init");
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.demo()) {
      log.info("Topics and tables are in place; no demo dataset (byproduct.init.demo=false)");
      return;
    }
    DemoDataset.writeImages(properties.imagesDir());
    List<String> loaded = DemoDataset.load(hits, catalog);
    log.info("Demo dataset '{}' loaded: HITs {}, images in {}", DemoDataset.DATASET, loaded, properties.imagesDir());
    try (HitReviewPublisher publisher = new HitReviewPublisher(kafka.clientProperties(), topics.hitReviews,
        Duration.ofSeconds(30))) {
      publisher.publish(DemoDataset.reviews());
    }
    log.info("Demo HITs' classes and controls published to {} (live quality)", topics.hitReviews.name());
  }

  public static void main(String[] args) {
    System.exit(SpringApplication.exit(builder().run(args)));
  }
}
