package io.byproduct.bench.system;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Heap and CPU of this JVM while the benchmark runs (the whole stack is in it, the load generator
 * too): heap used sampled every second, live heap after GC, process and machine CPU, and CPU
 * time by component, told apart by thread name; plus the CPU of child processes (dynalite).
 */
final class ResourceSampler implements AutoCloseable {

  /** A component and the thread-name fragments of its threads, in order of matching. */
  private static final Map<String, String[]> COMPONENTS = new LinkedHashMap<>();

  static {
    COMPONENTS.put("load generator (bench)", new String[] {"bench-"});
    COMPONENTS.put("gateway", new String[] {"reactor-http", "ingest-send", "byproduct-gateway", "boundedElastic"});
    COMPONENTS.put("stream processor", new String[] {"StreamThread", "stream-processor"});
    COMPONENTS.put("page assembler", new String[] {"page-assembler"});
    COMPONENTS.put("Kafka broker", new String[] {"kafka-request-handler", "data-plane", "kafka-network", "broker-",
        "controller", "raft", "kafka-scheduler", "ExpirationReaper", "group-coordinator", "quorum", "LogDirFailure",
        "transaction", "share-", "kafka-log", "ReplicaFetcher", "metadata", "KafkaRaft"});
  }

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<String, Long> threadCpuAtStart;
  private final long processCpuAtStart;
  private final long childCpuAtStart;
  private final long gcMillisAtStart;
  private final long startNanos = System.nanoTime();
  private final Thread sampler;
  private long samples;
  private long heapUsedSum;
  private long heapUsedMax;
  private double machineCpuSum;

  ResourceSampler() {
    threadCpuAtStart = cpuByComponent();
    processCpuAtStart = os.getProcessCpuTime();
    childCpuAtStart = childCpuNanos();
    gcMillisAtStart = gcMillis();
    sampler = new Thread(this::sample, "bench-resources");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running.get()) {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      double machine = os.getCpuLoad();
      synchronized (this) {
        samples++;
        heapUsedSum += used;
        heapUsedMax = Math.max(heapUsedMax, used);
        machineCpuSum += Math.max(0, machine);
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Map<String, Long> cpuByComponent() {
    Map<String, Long> cpu = new LinkedHashMap<>();
    COMPONENTS.keySet().forEach(c -> cpu.put(c, 0L));
    cpu.put("other Java threads", 0L);
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        cpu.merge(component(info.getThreadName()), nanos, Long::sum);
      }
    }
    return cpu;
  }

  private static String component(String threadName) {
    for (Map.Entry<String, String[]> c : COMPONENTS.entrySet()) {
      for (String fragment : c.getValue()) {
        if (threadName.contains(fragment)) {
          return c.getKey();
        }
      }
    }
    return "other Java threads";
  }

  private static long childCpuNanos() {
    return ProcessHandle.current().descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(t -> t > 0).sum();
  }

  /** What was used from construction until now. */
  synchronized Report report() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Long> now = cpuByComponent();
    Map<String, Double> byComponent = new LinkedHashMap<>();
    long javaThreads = 0;
    for (Map.Entry<String, Long> c : now.entrySet()) {
      long used = Math.max(0, c.getValue() - threadCpuAtStart.getOrDefault(c.getKey(), 0L));
      javaThreads += used;
      byComponent.put(c.getKey(), used / 1e9);
    }
    long process = os.getProcessCpuTime() - processCpuAtStart;
    byComponent.put("JVM itself (GC, JIT; process - Java threads)", Math.max(0, process - javaThreads) / 1e9);
    byComponent.put("dynalite (child process)", (childCpuNanos() - childCpuAtStart) / 1e9);
    return new Report(seconds, process / 1e9, samples == 0 ? Double.NaN : machineCpuSum / samples,
        os.getAvailableProcessors(), samples == 0 ? 0 : heapUsedSum / samples, heapUsedMax, Runtime.getRuntime().maxMemory(), (gcMillis() - gcMillisAtStart) / 1e3, byComponent);
  }

  /**
   * @param processCpuSeconds CPU time of this JVM
   * @param machineCpu mean CPU load of the whole machine, 0..1
   * @param cpuSecondsByComponent CPU seconds by component
   */
  record Report(double seconds, double processCpuSeconds, double machineCpu, int cores, long heapUsedMean,
      long heapUsedMax, long heapMax, double gcSeconds, Map<String, Double> cpuSecondsByComponent) {

    /** Mean cores busy in this JVM. */
    double processCores() {
      return processCpuSeconds / seconds;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    sampler.interrupt();
    sampler.join(2_000);
  }
}
