package io.byproduct.pageassembler;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * FAULT INJECTION ONLY (test code, run as a child JVM by {@link PageAssemblerKillIT}): the page
 * assembler, whose DynamoDB client halts the JVM ({@link Runtime#halt}: no shutdown hook, no offset
 * commit, no consumer close) right after a page-table put succeeded (a {@code PutItem}, or the
 * {@code BatchWriteItem} that held the item):
 *
 * <ul>
 *   <li>{@code -Dfault.halt-after-page-heads=N}: after the Nth head item, i.e. a page fully written
 *       and its offset not committed yet;
 *   <li>{@code -Dfault.halt-after-page-parts=N}: after the Nth part item of an oversized page, i.e.
 *       in the middle of writing a page (parts stored, head not).
 * </ul>
 *
 * It prints {@code FAULT: halting after <table> <key>} first. Nothing here is a Spring component,
 * so the applications the other tests start in-process never pick it up.
 */
public final class HaltingPageAssembler {

  static final String HALTED = "FAULT: halting after ";
  static final int EXIT_CODE = 86;

  private HaltingPageAssembler() {}

  public static void main(String[] args) {
    int heads = Integer.getInteger("fault.halt-after-page-heads", 0);
    int parts = Integer.getInteger("fault.halt-after-page-parts", 0);
    PageAssemblerApplication.builder()
        .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
          @Override
          public Object postProcessAfterInitialization(Object bean, String name) {
            return bean instanceof DynamoDbClient client ? halting(client, heads, parts) : bean;
          }
        }))
        .run(args);
  }

  private static DynamoDbClient halting(DynamoDbClient target, int heads, int parts) {
    AtomicInteger headsWritten = new AtomicInteger();
    AtomicInteger partsWritten = new AtomicInteger();
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("batchWriteItem") && args != null && args.length == 1) {
        BatchWriteItemRequest request = args[0] instanceof BatchWriteItemRequest given ? given
            : BatchWriteItemRequest.builder().applyMutation(castBatchConsumer(args[0])).build();
        Object response = target.batchWriteItem(request);   // throws when refused: then nothing is counted
        List<WriteRequest> pageWrites = request.requestItems().getOrDefault("ImageNetAnnotationPage", List.of());
        for (WriteRequest write : pageWrites) {
          haltIfNth(write.putRequest().item(), headsWritten, heads, partsWritten, parts, " (a batch put)");
        }
        return response;
      }
      if (!method.getName().equals("putItem") || args == null || args.length != 1) {
        return invoke(method, target, args);
      }
      PutItemRequest request = args[0] instanceof PutItemRequest given ? given
          : PutItemRequest.builder().applyMutation(castConsumer(args[0])).build();
      Object response = target.putItem(request);   // throws when refused: then nothing is counted
      if (request.tableName().equals("ImageNetAnnotationPage")) {
        haltIfNth(request.item(), headsWritten, heads, partsWritten, parts, "");
      }
      return response;
    };
    return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, handler);
  }

  /** Halts if this page item is the Nth head or part written (the whole request it came in was accepted). */
  private static void haltIfNth(Map<String, AttributeValue> item, AtomicInteger headsWritten, int heads,
      AtomicInteger partsWritten, int parts, String how) {
    String key = item.get("pageKey").s();
    boolean part = key.contains("#");
    int count = (part ? partsWritten : headsWritten).incrementAndGet();
    if (count == (part ? parts : heads)) {
      System.out.println(HALTED + "ImageNetAnnotationPage " + item.get("imageNetAnnotationID").s() + " " + key + how);
      System.out.flush();
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }

  @SuppressWarnings("unchecked")
  private static Consumer<BatchWriteItemRequest.Builder> castBatchConsumer(Object consumer) {
    return (Consumer<BatchWriteItemRequest.Builder>) consumer;
  }

  @SuppressWarnings("unchecked")
  private static Consumer<PutItemRequest.Builder> castConsumer(Object consumer) {
    return (Consumer<PutItemRequest.Builder>) consumer;
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
