package io.byproduct.platform.health;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP when the Kafka cluster answers a describe-cluster request within 5 s. */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

  private final Admin admin;
  private final String bootstrapServers;

  public KafkaHealthIndicator(Admin admin, String bootstrapServers) {
    super("Kafka health check failed");
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    DescribeClusterResult cluster = admin.describeCluster();
    int nodes = cluster.nodes().get(5, TimeUnit.SECONDS).size();
    builder.up()
        .withDetail("bootstrapServers", bootstrapServers)
        .withDetail("clusterId", cluster.clusterId().get(5, TimeUnit.SECONDS))
        .withDetail("brokers", nodes);
  }
}
