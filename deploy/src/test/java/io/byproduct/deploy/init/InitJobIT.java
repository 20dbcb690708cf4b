package io.byproduct.deploy.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The compose files' init job on a real broker and dynalite: topics, tables, demo; twice is once. */
class InitJobIT {

  private static LocalKafka kafka;
  private static LocalDynamo dynamo;

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    dynamo = LocalDynamo.start();
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    kafka.close();
  }

  private static ConfigurableApplicationContext run(Path images) {
    return InitJob.builder().run("--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--byproduct.dynamo.endpoint=" + dynamo.endpoint(), "--byproduct.topics.prefix=init.",
        "--byproduct.topics.partitions=4", "--byproduct.init.images-dir=" + images);
  }

  @Test
  void createsTopicsAndTables_writesTheDemo_andRunsAgainWithoutChange(@TempDir Path images) throws Exception {
    try (ConfigurableApplicationContext first = run(images)) {
      assertThat(SpringApplication.exit(first)).isZero();
    }
    long files;
    try (var list = Files.list(images.resolve("demo"))) {
      files = list.count();
    }
    assertThat(files).isEqualTo(3 * 96);

    try (ConfigurableApplicationContext again = run(images)) {
      Topics topics = again.getBean(Topics.class);
      Admin admin = again.getBean(Admin.class);
      Set<String> names = admin.listTopics().names().get();
      assertThat(names).contains("init.interactions", "init.pages", "init.annotations", "init.images", "init.dead-letters",
          "init.hit-reviews", "init.quality-images", "init.quality-workers", "init.quality-assignments");
      assertThat(admin.describeTopics(Set.of(topics.interactions.name())).allTopicNames().get()
          .get("init.interactions").partitions()).hasSize(4);

      assertThat(again.getBean(DynamoDbClient.class).listTables().tableNames())
          .contains("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage", "ImageNetQuality");
      HitStore hits = again.getBean(HitStore.class);
      assertThat(hits.findJson("demo", "demo-hit-01")).isPresent();
      assertThat(hits.findJson("demo", "demo-hit-02")).isPresent();
    }
    try (var list = Files.list(images.resolve("demo"))) {
      assertThat(list.count()).isEqualTo(files);
    }
  }
}
