package dev.herald.bench;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's state at the time of a run, measured before anything else starts: fixed CPU-bound
 * work (SHA-256 over a buffer) on one thread and on two at once, the latency of a dependent memory
 * read, and copy bandwidth. This shared machine's speed drifts by up to half within a day; the gauge
 * moves less than the runs do, so it tells a very different state apart, not how much to correct a
 * run by (bench/distributions/README.md, seventeenth stop).
 */
final class MachineGauge {

  private static final int BYTES = 32 << 20;
  private static final int ROUNDS = 4;

  private MachineGauge() {}

  /** The gauge alone, to watch the machine's speed between runs. */
  public static void main(String[] args) throws Exception {
    System.out.println(java.time.LocalTime.now().withNano(0) + " " + measure());
  }

  /** The gauge's line: each of its four numbers the best of three tries. */
  static String measure() throws Exception {
    byte[] buffer = new byte[BYTES];
    work(buffer); // compiled before it is timed
    double one = 0;
    double two = 0;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 3; i++) {
        one = Math.max(one, rate(pool, buffer, 1));
        two = Math.max(two, rate(pool, buffer, 2));
      }
    } finally {
      pool.shutdown();
    }
    return String.format(
        "machine: sha-256 %,.0f MB/s on one thread, %,.0f MB/s on two; memory %.0f ns a dependent"
            + " read, %,.0f MB/s copied (each the best of three)",
        one, two, latency(), copyRate());
  }

  /**
   * Nanoseconds per read of a chain of reads at random places in 256 MB, each read's address taken
   * from the one before (a cache miss and, mostly, a TLB miss each): the latency of memory.
   */
  private static double latency() {
    int n = 64 << 20;
    int[] next = new int[n];
    // one cycle through every slot in a random order (Sattolo's algorithm)
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    for (int i = 0; i < n; i++) {
      next[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i);
      int t = next[i];
      next[i] = next[j];
      next[j] = t;
    }
    int reads = 5_000_000;
    double best = Double.MAX_VALUE;
    int at = 0;
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      for (int r = 0; r < reads; r++) {
        at = next[at];
      }
      best = Math.min(best, (System.nanoTime() - start) / (double) reads);
    }
    if (at == -1) {
      throw new IllegalStateException(); // keeps the chain from being optimized away
    }
    return best;
  }

  /** MB/s copied from one 256 MB array to another. */
  private static double copyRate() {
    byte[] from = new byte[256 << 20];
    byte[] to = new byte[from.length];
    java.util.Arrays.fill(from, (byte) 1);
    double best = 0;
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      System.arraycopy(from, 0, to, 0, from.length);
      best = Math.max(best, from.length / (double) (1 << 20) / ((System.nanoTime() - start) / 1e9));
    }
    return best;
  }

  /** MB/s hashed by {@code threads} threads together. */
  private static double rate(ExecutorService pool, byte[] buffer, int threads) throws Exception {
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      tasks.add(() -> work(buffer));
    }
    long start = System.nanoTime();
    for (Future<Object> f : pool.invokeAll(tasks)) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return (double) threads * ROUNDS * BYTES / (1 << 20) / seconds;
  }

  private static Object work(byte[] buffer) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (int r = 0; r < ROUNDS; r++) {
      sha.update(buffer);
    }
    return sha.digest();
  }
}
