package io.byproduct.faults;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs the sessions of a workload, each as an {@link OutboxWorker} on its own thread, while a fault happens. */
public final class OutboxWorkers {

  /** Something done to the system while the workers work (stop and start a part). */
  public interface Fault {
    /** @param workers the workers, running */
    void inject(List<OutboxWorker> workers) throws Exception;
  }

  private OutboxWorkers() {}

  /**
   * Starts every worker, injects the fault after {@code faultAfter}, and waits until every worker's
   * frames are all acknowledged.
   *
   * @return the workers, in the order of the sessions
   * @throws ExecutionException if a worker timed out (the cause says how far it got) or the fault failed
   */
  public static List<OutboxWorker> playDuring(URI ingest, List<Workload.Session> sessions, Duration pace,
      Duration faultAfter, Fault fault, Duration timeout) throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
    try {
      List<OutboxWorker> workers = new ArrayList<>();
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < sessions.size(); i++) {
        OutboxWorker worker = new OutboxWorker(ingest, sessions.get(i).worker(), sessions.get(i).frames(), pace, i);
        workers.add(worker);
        running.add(pool.submit(() -> {
          worker.run(timeout);
          return null;
        }));
      }
      Thread.sleep(faultAfter.toMillis());
      try {
        fault.inject(List.copyOf(workers));
      } catch (Exception e) {
        throw new ExecutionException("the fault could not be injected", e);
      }
      for (Future<?> f : running) {
        f.get();
      }
      workers.forEach(w -> System.out.println("worker " + w));
      return workers;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
