package dev.herald.shared.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link Worker} (and every task queue) on this node when it has the {@code worker}
 * role. A worker loops: run a batch; if idle, wait for a wake-up or the poll interval; on an
 * unexpected error, back off. Shutdown lets in-flight batches finish (their leases would otherwise
 * expire and another node would redo them).
 */
@Component
public class WorkerRuntime implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  private final List<Worker> workers;
  private final TaskQueue tasks;
  private final Wakeups wakeups;
  private final HeraldRoles roles;
  private final List<Thread> threads = new ArrayList<>();
  private final List<String> started = new ArrayList<>();
  private volatile boolean running;

  WorkerRuntime(List<Worker> workers, TaskQueue tasks, Wakeups wakeups, HeraldRoles roles) {
    this.workers = workers;
    this.tasks = tasks;
    this.wakeups = wakeups;
    this.roles = roles;
  }

  @Override
  public synchronized void start() {
    if (!roles.worker() || running) {
      return;
    }
    running = true;
    wakeups.start();
    List<Worker> all = new ArrayList<>(workers);
    all.addAll(tasks.workers());
    for (Worker worker : all) {
      started.add(worker.name());
      for (int i = 0; i < worker.threads(); i++) {
        Thread t = new Thread(() -> loop(worker), "herald-" + worker.name() + "-" + i);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }
    log.info("Started {} workers on {} threads", all.size(), threads.size());
  }

  private void loop(Worker worker) {
    WakeSignal signal = wakeups.signal(worker.name());
    try {
      work(worker, signal);
    } finally {
      wakeups.forget(worker.name(), signal);
    }
  }

  private void work(Worker worker, WakeSignal signal) {
    Duration backoff = Duration.ofMillis(100);
    while (running) {
      try {
        int handled = worker.runOnce();
        backoff = Duration.ofMillis(100);
        if (handled == 0 && running) {
          signal.await(worker.pollInterval());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.error("Worker {} failed; retrying in {} ms", worker.name(), backoff.toMillis(), e);
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                ? Duration.ofSeconds(30)
                : backoff.multipliedBy(2);
      }
    }
  }

  /** Wakes the local threads of a worker now (tests, and work created on this node). */
  public void poke(String workerName) {
    wakeups.wakeLocally(workerName);
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    wakeups.stop();
    started.forEach(wakeups::wakeLocally);
    long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
    for (Thread t : threads) {
      try {
        // Idle threads wake within one poll interval; busy ones finish their batch.
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    threads.clear();
    started.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Stop workers before the web server and the pool go away.
    return Integer.MAX_VALUE - 2048;
  }
}
