package dev.herald.shared.work;

import java.time.Duration;

/**
 * One waiting thread's latch: it remembers one pending wake-up, so a notify between two waits is
 * not lost.
 */
final class WakeSignal {

  private boolean pending;

  synchronized void signal() {
    pending = true;
    notifyAll();
  }

  synchronized void await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    pending = false;
  }
}
