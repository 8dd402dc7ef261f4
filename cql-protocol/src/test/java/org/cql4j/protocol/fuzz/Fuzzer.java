package org.cql4j.protocol.fuzz;

import io.netty.buffer.ByteBufUtil;
import java.time.Duration;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs one fuzz target over a seeded stream of inputs and reports the first input that ends badly,
 * with what it takes to replay it; one instance per test, confined to the test's thread (the inputs
 * run on one worker thread it starts).
 *
 * <p>Input {@code i} is generated from a {@link Random} seeded with {@code mix(seed, i)} and
 * nothing else, so any input can be replayed alone: a failure message names the seed and the index,
 * and {@code -Dcql4j.fuzz.seed=S -Dcql4j.fuzz.first=I -Dcql4j.fuzz.inputs=1} runs exactly that
 * input again. Without {@code cql4j.fuzz.seed} every run draws a new seed, printed on one line when
 * the run starts. {@code cql4j.fuzz.inputs} sets how many inputs each target gets ({@value
 * #DEFAULT_INPUTS} by default; the build passes it, and {@code -Pfuzz-long} raises it).
 *
 * <p>An input ends well when the target returns or throws what {@link #expecting} accepts (the
 * driver's typed exceptions). Anything else fails the run: another exception, bytes still allocated
 * afterwards ({@link #leakCheck}), or no progress on one input for {@code cql4j.fuzz.stallSeconds}
 * (60 by default; the message then carries the worker's stack).
 */
public final class Fuzzer {
  /** The seed of the run: hexadecimal with {@code 0x}, or decimal. */
  public static final String SEED_PROPERTY = "cql4j.fuzz.seed";

  /** How many inputs each target runs. */
  public static final String INPUTS_PROPERTY = "cql4j.fuzz.inputs";

  /** The index of the first input (to replay one input: this, the seed, and inputs=1). */
  public static final String FIRST_PROPERTY = "cql4j.fuzz.first";

  /** The inputs per target without {@value #INPUTS_PROPERTY}, as in the build's default pass. */
  public static final long DEFAULT_INPUTS = 1_000_000;

  private static final int DUMP_BYTES = 256;

  private final String name;
  private final long seed;
  private final long first;
  private final long inputs;
  private long stallNanos;
  private Predicate<Throwable> expected = t -> false;
  private LongSupplier bytesInUse = () -> 0;
  private volatile long current;

  private Fuzzer(String name, long seed, long first, long inputs) {
    this.name = name;
    this.seed = seed;
    this.first = first;
    this.inputs = inputs;
    this.stallNanos = TimeUnit.SECONDS.toNanos(Long.getLong("cql4j.fuzz.stallSeconds", 60));
  }

  /**
   * A fuzzer for a target, reading the seed and counts from the system properties.
   *
   * @param name the target, for messages ("frame decoder")
   * @return the fuzzer
   */
  public static Fuzzer of(String name) {
    String seed = System.getProperty(SEED_PROPERTY, "").trim();
    return new Fuzzer(
        name,
        seed.isEmpty() ? new SplittableRandom().nextLong() : parseSeed(seed),
        parseCount(System.getProperty(FIRST_PROPERTY, "0")),
        parseCount(System.getProperty(INPUTS_PROPERTY, String.valueOf(DEFAULT_INPUTS))));
  }

  /** A fuzzer with the given seed and inputs, whatever the system properties say (for tests). */
  static Fuzzer of(String name, long seed, long first, long inputs) {
    return new Fuzzer(name, seed, first, inputs);
  }

  /** Sets how long one input may run before the run fails as hung (for tests). */
  Fuzzer stallAfter(long millis) {
    this.stallNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    return this;
  }

  /**
   * Sets which exceptions end an input well (a rejected input); nothing by default.
   *
   * @param expected true for the typed exceptions the target documents
   * @return this
   */
  public Fuzzer expecting(Predicate<Throwable> expected) {
    this.expected = expected;
    return this;
  }

  /**
   * Sets what must be zero after every input: the bytes the test's allocator still has out (the
   * allocator counts exactly what it hands out, which catches a leak at the input that made it,
   * where Netty's detector sees one only once the GC collected the buffer, and costs nothing per
   * buffer access).
   *
   * @param bytesInUse reads the allocator's metric
   * @return this
   */
  public Fuzzer leakCheck(LongSupplier bytesInUse) {
    this.bytesInUse = bytesInUse;
    return this;
  }

  /** The number of inputs this run will feed. */
  public long inputs() {
    return inputs;
  }

  /** The seed of this run. */
  public long seed() {
    return seed;
  }

  /** Builds, feeds and checks one input. */
  @FunctionalInterface
  public interface Target {
    /**
     * Generates the input {@code random} describes, records it in {@code input}, and feeds it.
     *
     * @param random seeded for this input only
     * @param input where to record the bytes fed (for the failure message)
     * @return whether the input decoded completely (false: it was incomplete, or refused without an
     *     exception)
     * @throws Exception what the target under test throws; accepted or not by {@link #expecting}
     */
    boolean run(Random random, Input input) throws Exception;
  }

  /** The bytes of the input being fed, and a line saying what they are; reused. */
  public static final class Input {
    private volatile byte[] bytes = new byte[0];
    private volatile int length;
    private volatile Object label = "";

    /**
     * Records the bytes fed (not copied: keep them unchanged until the input ends).
     *
     * @param bytes an array
     * @param length how many of its first bytes are the input
     * @return this
     */
    public Input bytes(byte[] bytes, int length) {
      this.bytes = bytes;
      this.length = length;
      return this;
    }

    /**
     * Records what the bytes are, when that is not all in them ("codec User, 2 rows").
     *
     * @param label a short description
     * @return this
     */
    public Input label(String label) {
      this.label = label;
      return this;
    }

    /**
     * Records what the bytes are, described only if the input fails.
     *
     * @param label builds the description
     * @return this
     */
    public Input label(Supplier<String> label) {
      this.label = label;
      return this;
    }

    String label() {
      return String.valueOf(label instanceof Supplier<?> s ? s.get() : label);
    }

    String dump() {
      byte[] b = bytes;
      int n = Math.min(length, b.length);
      String hex = ByteBufUtil.hexDump(b, 0, Math.min(n, DUMP_BYTES));
      return n <= DUMP_BYTES ? hex : hex + "... (" + n + " bytes, the first " + DUMP_BYTES + ")";
    }
  }

  /**
   * What a run did.
   *
   * @param inputs the inputs fed
   * @param decoded how many decoded completely
   * @param rejected how many threw an accepted exception or were incomplete
   * @param nanos the run's wall time
   */
  public record Result(long inputs, long decoded, long rejected, long nanos) {}

  /**
   * Feeds every input to {@code target} on a worker thread and returns when all ended well.
   *
   * @param target builds and feeds one input
   * @return the counts
   * @throws AssertionError for the first input that ended badly, naming the seed and the index
   */
  public Result run(Target target) {
    System.out.printf(
        "[fuzz] %s: %,d inputs from #%d, seed 0x%016x (replay: -D%s=0x%016x)%n",
        name, inputs, first, seed, SEED_PROPERTY, seed);
    Input input = new Input();
    long[] counts = new long[2];
    Throwable[] failure = new Throwable[1];
    long start = System.nanoTime();
    Duration cpu = processCpu();
    Thread worker =
        new Thread(
            () -> {
              try {
                loop(target, input, counts);
              } catch (Throwable t) {
                failure[0] = t;
              }
            },
            "fuzz-" + name.replace(' ', '-'));
    worker.setDaemon(true); // a hung input must not keep the test JVM alive
    worker.start();
    watch(worker, input);
    if (failure[0] instanceof Error e) {
      throw e;
    } else if (failure[0] != null) {
      throw new AssertionError(failure[0]);
    }
    Result result = new Result(inputs, counts[0], counts[1], System.nanoTime() - start);
    System.out.printf(
        "[fuzz] %s: %,d inputs in %.1f s (the JVM's CPU time: %.1f s), %,d decoded, %,d rejected%n",
        name,
        inputs,
        result.nanos() / 1e9,
        processCpu().minus(cpu).toMillis() / 1e3,
        result.decoded(),
        result.rejected());
    return result;
  }

  // the CPU time of the whole JVM (JIT and GC included): what the run costs on a busy machine
  private static Duration processCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private void loop(Target target, Input input, long[] counts) {
    Random random = new Random();
    long end = first + inputs;
    for (long index = first; index < end; index++) {
      current = index;
      random.setSeed(mix(seed, index));
      input.bytes(input.bytes, 0).label("");
      boolean decoded;
      try {
        decoded = target.run(random, input);
      } catch (Throwable t) {
        if (!expected.test(t)) {
          throw new AssertionError(message(index, input, "threw " + t), t);
        }
        decoded = false;
      }
      long inUse = bytesInUse.getAsLong();
      if (inUse != 0) {
        throw new AssertionError(
            message(index, input, "left " + inUse + " bytes allocated (a leak)"));
      }
      counts[decoded ? 0 : 1]++;
    }
  }

  // waits for the worker; fails with the stuck input if it stops making progress
  private void watch(Thread worker, Input input) {
    long seen = -1;
    long since = System.nanoTime();
    try {
      while (worker.isAlive()) {
        worker.join(250);
        long now = current;
        if (now != seen) {
          seen = now;
          since = System.nanoTime();
        } else if (worker.isAlive() && System.nanoTime() - since > stallNanos) {
          AssertionError stuck =
              new AssertionError(
                  message(
                      now,
                      input,
                      "made no progress for "
                          + TimeUnit.NANOSECONDS.toMillis(stallNanos)
                          + " ms (a hang? the worker's stack is this error's)"));
          stuck.setStackTrace(worker.getStackTrace());
          worker.interrupt();
          throw stuck;
        }
      }
    } catch (InterruptedException e) { // JUnit's timeout
      Thread.currentThread().interrupt();
      worker.interrupt();
      throw new AssertionError(message(current, input, "was running when the test timed out"));
    }
  }

  private String message(long index, Input input, String what) {
    return String.format(
        "%s: input #%d of seed 0x%016x %s%n  replay: -D%s=0x%016x -D%s=%d -D%s=1%n  %s%n  input: %s",
        name,
        index,
        seed,
        what,
        SEED_PROPERTY,
        seed,
        FIRST_PROPERTY,
        index,
        INPUTS_PROPERTY,
        input.label(),
        input.dump());
  }

  /** SplitMix64's finalizer over seed and index: unrelated streams for neighbouring indexes. */
  static long mix(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long parseSeed(String s) {
    return s.startsWith("0x") || s.startsWith("0X")
        ? Long.parseUnsignedLong(s.substring(2), 16)
        : Long.parseLong(s);
  }

  private static long parseCount(String s) {
    return Long.parseLong(s.trim().replace("_", ""));
  }
}
