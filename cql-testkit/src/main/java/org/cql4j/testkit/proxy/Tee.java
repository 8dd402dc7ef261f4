package org.cql4j.testkit.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A queue of copies of frames that a {@link Action#tee(Tee)} rule caught, for a test to await;
 * thread-safe.
 *
 * <pre>{@code
 * Tee executes = new Tee();
 * proxy.node(1).rules().add(Condition.requestOpcode(Opcode.EXECUTE), Action.tee(executes));
 * // ... run the code under test
 * List<TeedFrame> seen = executes.await(3, Duration.ofSeconds(5));
 * }</pre>
 */
public final class Tee {
  private final LinkedBlockingQueue<TeedFrame> frames = new LinkedBlockingQueue<>();

  /** Creates an empty tee. */
  public Tee() {}

  /** Adds a frame; the proxy calls this. */
  public void offer(TeedFrame frame) {
    frames.add(frame);
  }

  /**
   * Takes the oldest frame, waiting up to {@code timeout} for one.
   *
   * @return the frame, or empty if none came in time
   */
  public Optional<TeedFrame> poll(Duration timeout) {
    try {
      return Optional.ofNullable(frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Takes the {@code count} oldest frames, waiting up to {@code timeout} in all.
   *
   * @return exactly {@code count} frames, oldest first
   * @throws IllegalStateException if fewer came in time (the ones that came stay in the tee)
   */
  public List<TeedFrame> await(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<TeedFrame> taken = new ArrayList<>(count);
    while (taken.size() < count) {
      long left = deadline - System.nanoTime();
      TeedFrame frame = null;
      try {
        frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (frame == null) {
        List<TeedFrame> back = new ArrayList<>(taken);
        frames.drainTo(back);
        frames.addAll(back);
        throw new IllegalStateException(
            "Tee: " + taken.size() + " of " + count + " frames within " + timeout);
      }
      taken.add(frame);
    }
    return taken;
  }

  /** How many frames wait in the tee. */
  public int size() {
    return frames.size();
  }

  /** Takes every waiting frame, oldest first. */
  public List<TeedFrame> drain() {
    List<TeedFrame> out = new ArrayList<>();
    frames.drainTo(out);
    return out;
  }
}
