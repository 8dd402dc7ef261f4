package org.cql4j.testkit.internal.proxy;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.cql4j.testkit.proxy.RoutingCounters;

/** The routing accounting of one node; thread-safe. */
final class Routing implements RoutingCounters {
  private final AtomicLongArray correct;
  private final AtomicLongArray misrouted;
  private final LongAdder wrongNode = new LongAdder();
  private final LongAdder wrongShard = new LongAdder();
  private final LongAdder unroutable = new LongAdder();

  Routing(int shards) {
    correct = new AtomicLongArray(Math.max(shards, 1));
    misrouted = new AtomicLongArray(Math.max(shards, 1));
  }

  void countCorrect(int shard) {
    correct.incrementAndGet(index(shard));
  }

  void countMisrouted(int shard, boolean nodeIsReplica) {
    misrouted.incrementAndGet(index(shard));
    (nodeIsReplica ? wrongShard : wrongNode).increment();
  }

  void countUnroutable() {
    unroutable.increment();
  }

  void reset() {
    for (int i = 0; i < correct.length(); i++) {
      correct.set(i, 0);
      misrouted.set(i, 0);
    }
    wrongNode.reset();
    wrongShard.reset();
    unroutable.reset();
  }

  private int index(int shard) {
    return Math.max(0, Math.min(shard, correct.length() - 1));
  }

  @Override
  public long correct() {
    long sum = 0;
    for (int i = 0; i < correct.length(); i++) {
      sum += correct.get(i);
    }
    return sum;
  }

  @Override
  public long misrouted() {
    long sum = 0;
    for (int i = 0; i < misrouted.length(); i++) {
      sum += misrouted.get(i);
    }
    return sum;
  }

  @Override
  public long wrongNode() {
    return wrongNode.sum();
  }

  @Override
  public long wrongShard() {
    return wrongShard.sum();
  }

  @Override
  public long unroutable() {
    return unroutable.sum();
  }

  @Override
  public long correct(int shard) {
    return shard >= 0 && shard < correct.length() ? correct.get(shard) : 0;
  }

  @Override
  public long misrouted(int shard) {
    return shard >= 0 && shard < misrouted.length() ? misrouted.get(shard) : 0;
  }

  @Override
  public String toString() {
    return "RoutingCounters[correct="
        + correct()
        + ", misrouted="
        + misrouted()
        + " (wrong node "
        + wrongNode()
        + ", wrong shard "
        + wrongShard()
        + "), unroutable="
        + unroutable()
        + "]";
  }
}
