package io.byproduct.bench.system;

import io.byproduct.platform.tables.Tables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Measures submit → page visible in DynamoDB: polls the page table for the head items of submitted
 * pages (written last by the page assembler) with one consistent BatchGetItem of up to
 * {@link #KEYS_PER_ROUND} pages every {@link #POLL_MILLIS}, round robin, so that the probe's load
 * on DynamoDB stays bounded. The resolution is one round while fewer pages than that are pending,
 * coarser when more are.
 */
final class PageVisibility implements AutoCloseable {

  static final long POLL_MILLIS = 100;
  static final int KEYS_PER_ROUND = 100;

  private record Pending(String annotationId, int pageNo, long submittedNanos) {
    Map<String, AttributeValue> key() {
      return Map.of(Tables.PAGE_HASH, AttributeValue.fromS(annotationId),
          Tables.PAGE_RANGE, AttributeValue.fromS(Tables.pageKey(pageNo)));
    }
  }

  private final DynamoDbClient dynamo;
  private final String table;
  private final Latencies.Split latencies;
  private final ConcurrentLinkedQueue<Pending> submitted = new ConcurrentLinkedQueue<>();
  private final Map<String, Pending> pending = new LinkedHashMap<>();  // the poller's own, least recently checked first
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread poller;
  private volatile int visible;
  private volatile int requests;

  PageVisibility(DynamoDbClient dynamo, String table, Latencies.Split latencies) {
    this.dynamo = dynamo;
    this.latencies = latencies;
    this.table = table;
    poller = new Thread(this::poll, "bench-page-poll");
    poller.setDaemon(true);
    poller.start();
  }

  void submitted(String annotationId, int pageNo, long sentNanos) {
    outstanding.incrementAndGet();
    submitted.add(new Pending(annotationId, pageNo, sentNanos));
  }

  private void poll() {
    while (running.get()) {
      long round = System.nanoTime();
      for (Pending p; (p = submitted.poll()) != null; ) {
        pending.put(p.annotationId() + "|" + Tables.pageKey(p.pageNo()), p);
      }
      List<Pending> batch = new ArrayList<>();
      for (Pending p : pending.values()) {
        if (batch.size() == KEYS_PER_ROUND) {
          break;
        }
        batch.add(p);
      }
      if (!batch.isEmpty()) {
        check(batch);
      }
      for (Pending p : batch) {
        String key = p.annotationId() + "|" + Tables.pageKey(p.pageNo());
        if (pending.remove(key) != null) {
          pending.put(key, p);  // not seen yet: to the back of the queue
        }
      }
      long sleep = POLL_MILLIS - (System.nanoTime() - round) / 1_000_000;
      if (sleep > 0) {
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void check(List<Pending> batch) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    batch.forEach(p -> keys.add(p.key()));
    BatchGetItemResponse response;
    try {
      response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys)
          .consistentRead(true).projectionExpression("#a, #k")
          .expressionAttributeNames(Map.of("#a", Tables.PAGE_HASH, "#k", Tables.PAGE_RANGE)).build())));
      requests++;
    } catch (RuntimeException e) {
      return;  // tried again next round
    }
    long now = System.nanoTime();
    for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
      Pending found = pending.remove(item.get(Tables.PAGE_HASH).s() + "|" + item.get(Tables.PAGE_RANGE).s());
      if (found != null) {
        latencies.record(found.submittedNanos(), now - found.submittedNanos());
        visible++;
        outstanding.decrementAndGet();
      }
    }
  }

  /** Waits until no submitted page is still invisible, or the timeout. */
  boolean awaitAllVisible(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (outstanding.get() == 0) {
        return true;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return false;
  }

  /** Submitted pages not yet seen. */
  int invisible() {
    return outstanding.get();
  }

  int visible() {
    return visible;
  }

  int batchRequests() {
    return requests;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    poller.join(5_000);
  }
}
