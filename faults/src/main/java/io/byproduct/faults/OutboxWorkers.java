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

  /** "n of m events acknowledged, k of w workers done", for the test's output. */
  static String acknowledged(List<OutboxWorker> workers) {
    long acked = workers.stream().mapToLong(OutboxWorker::acked).sum();
    long total = workers.stream().mapToLong(OutboxWorker::lastSeq).sum();
    long done = workers.stream().filter(OutboxWorker::done).count();
    return acked + " of " + total + " events acknowledged, " + done + " of " + workers.size() + " workers done";
  }

  /**
   * Starts every worker, injects the fault once every worker has {@code faultAt} of its events
   * acknowledged (a point in the session, whatever the machine's speed), and waits until every
   * worker's frames are all acknowledged.
   *
   * @param faultAt fraction of each worker's events, 0 to 1
   * @return the workers, in the order of the sessions
   * @throws ExecutionException if a worker timed out (the cause says how far it got) or the fault failed
   */
  public static List<OutboxWorker> playDuring(URI ingest, String workerIdKey, List<Workload.Session> sessions, Duration pace,
      double faultAt, Fault fault, Duration timeout) throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
    try {
      List<OutboxWorker> workers = new ArrayList<>();
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < sessions.size(); i++) {
        OutboxWorker worker = new OutboxWorker(ingest, sessions.get(i).worker(), workerIdKey, sessions.get(i).frames(), pace, i);
        workers.add(worker);
        running.add(pool.submit(() -> {
          worker.run(timeout);
          return null;
        }));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!workers.stream().allMatch(w -> w.progress() >= faultAt) && System.nanoTime() < deadline
          && running.stream().noneMatch(Future::isDone)) {
        Thread.sleep(10);
      }
      System.out.println("fault injected at " + acknowledged(workers));
      try {
        fault.inject(List.copyOf(workers));
      } catch (Exception e) {
        throw new ExecutionException("the fault could not be injected", e);
      }
      System.out.println("fault injection done at " + acknowledged(workers));
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
