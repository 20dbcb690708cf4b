package io.byproduct.pageassembler;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.pageassembler.writing.PageBatchWriter;
import io.byproduct.pageassembler.writing.PageWriter;
import io.byproduct.pageassembler.writing.WriteOutcome;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.DynamoProperties.TableNames;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The page assembler's batch writes on a real DynamoDB-compatible server: more pages than one batch
 * holds (oversized ones among them) stored whole; what is stored already is left as it is (first
 * stored wins, as with the conditional put), and a page twice in one batch is written once.
 */
class PageBatchWriterIT {

  private static LocalDynamo server;
  private static DynamoDbClient dynamo;

  @BeforeAll
  static void start() {
    server = LocalDynamo.start();
    dynamo = DynamoClients.create(props("unused_"));
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    server.close();
  }

  private static DynamoProperties props(String prefix) {
    return new DynamoProperties(URI.create(server.endpoint()), "us-east-1", "local", "local", Duration.ofSeconds(30),
        TableNames.withPrefix(prefix));
  }

  /** Tables of their own for one test (the checks below expect exactly the test's pages in the page table). */
  private static Tables tables(String prefix) {
    Tables tables = new Tables(props(prefix).tables());
    new TableProvisioner(dynamo, tables, server.endpoint()).createMissing();
    return tables;
  }

  @Test
  void morePagesThanOneBatch_withOversizedOnes_areStoredWhole_andWrittenAgainChangeNothing() {
    Tables tables = tables("many_");
    List<PageRecord> pages = PageFixtures.pages("ann-batch-", 60, 20);   // 60 heads, 3 oversized pages with parts
    PageBatchWriter writer = new PageBatchWriter(dynamo, tables);

    assertThat(writer.write(pages)).hasSize(60).containsOnly(WriteOutcome.WRITTEN);
    new StoredPages(dynamo, tables).assertExactly(pages);

    assertThat(writer.write(pages)).hasSize(60).containsOnly(WriteOutcome.ALREADY_STORED);
    new StoredPages(dynamo, tables).assertExactly(pages);
  }

  @Test
  void aStoredPage_isLeftAsItIs_andAPageTwiceInABatch_isWrittenOnce_theFirstWins() {
    Tables tables = tables("first_");
    List<PageRecord> first = PageFixtures.pages("ann-first-", 3, 0);
    new PageWriter(dynamo, tables).write(first.get(0));          // stored before, one by one
    PageRecord otherContent = PageRecord.newBuilder(first.get(0)).setStatus(PageStatus.ABANDONED).build();
    PageRecord twiceInBatch = PageRecord.newBuilder(first.get(1)).setEventCount(first.get(1).getEventCount() + 7).build();

    assertThat(new PageBatchWriter(dynamo, tables).write(List.of(otherContent, first.get(1), twiceInBatch, first.get(2))))
        .containsExactly(WriteOutcome.ALREADY_STORED, WriteOutcome.WRITTEN, WriteOutcome.ALREADY_STORED,
            WriteOutcome.WRITTEN);
    new StoredPages(dynamo, tables).assertExactly(first);
  }
}
