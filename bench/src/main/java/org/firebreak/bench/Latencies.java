package org.firebreak.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latency figures for the ledger benchmarks: {@link Exact} keeps every sample (one thread, sorted at the end);
 * {@link Concurrent} is a log-linear histogram that many threads record into (16 sub-buckets per power of two,
 * so a percentile is within 1/16 = 6% of the true value).
 */
final class Latencies {
  private Latencies() {}

  /** Every sample, in nanoseconds; percentiles are exact. Not thread-safe. */
  static final class Exact {
    private long[] samples;
    private int n;

    Exact(int capacity) {
      samples = new long[Math.max(16, capacity)];
    }

    void record(long nanos) {
      if (n == samples.length) {
        samples = Arrays.copyOf(samples, n * 2);
      }
      samples[n++] = nanos;
    }

    int count() {
      return n;
    }

    /** Percentile {@code p} (0..100) in nanoseconds, nearest rank. */
    long percentile(double p) {
      long[] s = Arrays.copyOf(samples, n);
      Arrays.sort(s);
      return s[rank(p, n)];
    }

    double meanNanos() {
      long sum = 0;
      for (int i = 0; i < n; i++) {
        sum += samples[i];
      }
      return n == 0 ? 0 : (double) sum / n;
    }

    /** "p50 x µs, p90 .., p99 .., mean .." */
    String summary() {
      long[] s = Arrays.copyOf(samples, n);
      Arrays.sort(s);
      return String.format("p50 %8.2f µs  p90 %8.2f  p99 %8.2f  max %9.1f  mean %8.2f  (n=%d)",
          s[rank(50, n)] / 1e3, s[rank(90, n)] / 1e3, s[rank(99, n)] / 1e3, s[n - 1] / 1e3, meanNanos() / 1e3, n);
    }
  }

  /** A log-linear histogram in nanoseconds that any thread may record into. */
  static final class Concurrent {
    private static final int SUB = 16;
    private final AtomicLongArray counts = new AtomicLongArray(64 * SUB);

    void record(long nanos) {
      counts.incrementAndGet(bucket(Math.max(1, nanos)));
    }

    private static int bucket(long v) {
      int exp = 63 - Long.numberOfLeadingZeros(v);       // v in [2^exp, 2^(exp+1))
      if (exp < 4) {
        return (int) v;                                  // 1..15: exact
      }
      int sub = (int) ((v >>> (exp - 4)) & (SUB - 1));   // the 4 bits after the leading one
      return exp * SUB + sub;
    }

    private static long upper(int bucket) {
      if (bucket < 4 * SUB) {
        return bucket;
      }
      int exp = bucket / SUB;
      int sub = bucket % SUB;
      return ((long) (SUB + sub + 1) << (exp - 4)) - 1;
    }

    long[] snapshot() {
      long[] s = new long[counts.length()];
      for (int i = 0; i < s.length; i++) {
        s[i] = counts.get(i);
      }
      return s;
    }

    /** "p50 .., p90 .., p99 .., p99.9 .." over the counts recorded between two snapshots. */
    static String summary(long[] before, long[] after) {
      long[] d = new long[after.length];
      long total = 0;
      for (int i = 0; i < d.length; i++) {
        d[i] = after[i] - before[i];
        total += d[i];
      }
      if (total == 0) {
        return "(no samples)";
      }
      return String.format("p50 %7.2f ms  p90 %7.2f  p99 %7.2f  p99.9 %7.2f", at(d, total, 50) / 1e6,
          at(d, total, 90) / 1e6, at(d, total, 99) / 1e6, at(d, total, 99.9) / 1e6);
    }

    private static long at(long[] d, long total, double p) {
      long want = rank(p, total) + 1;
      long seen = 0;
      for (int i = 0; i < d.length; i++) {
        seen += d[i];
        if (seen >= want) {
          return upper(i);
        }
      }
      return upper(d.length - 1);
    }
  }

  private static int rank(double p, long n) {
    return (int) Math.min(n - 1, Math.max(0, (long) Math.ceil(p / 100.0 * n) - 1));
  }
}
