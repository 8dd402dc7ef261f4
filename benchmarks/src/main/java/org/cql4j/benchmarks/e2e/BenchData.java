package org.cql4j.benchmarks.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The benchmark's schema, statements and data, immutable and thread-safe, shared by every driver so
 * that they bind the same values and read the same rows.
 *
 * <p>The table is {@code bench.items (pk bigint, ck int, id uuid, ts timestamp, name text, qty int,
 * total bigint, PRIMARY KEY (pk, ck))}, the one {@link org.cql4j.testkit.NullCqlServer} knows. Row
 * {@code k} of partition {@code pk} holds {@code (pk, k, UUID.nameUUIDFromBytes("item-k"),
 * 2024-01-01T00:00:00Z + k s, String.format("item-%010d", k), k, 1000 * k)}: the same values the
 * null server returns, and the ones loaded into a real node. Reads go to partitions {@code 0 ..
 * partitions-1}; writes go to {@value #WRITE_PARTITION_BASE} and up, so they never grow the
 * partitions being read, and cycle through {@value #WRITE_ROWS} rows so a real node's data stays
 * small.
 */
public final class BenchData {
  /** Prepared INSERT of one row: seven bind markers, in table order. */
  public static final String INSERT =
      "INSERT INTO bench.items (pk, ck, id, ts, name, qty, total) VALUES (?, ?, ?, ?, ?, ?, ?)";

  /** Prepared SELECT of one row by its full primary key: (pk, ck). */
  public static final String SELECT_ONE =
      "SELECT pk, ck, id, ts, name, qty, total FROM bench.items WHERE pk = ? AND ck = ?";

  /** Prepared SELECT of one whole partition by pk: {@link #ROWS_PER_PARTITION} rows. */
  public static final String SELECT_PARTITION =
      "SELECT pk, ck, id, ts, name, qty, total FROM bench.items WHERE pk = ?";

  /** The rows of each partition read by the partition workload. */
  public static final int ROWS_PER_PARTITION = 100;

  /** The first partition written by the insert workload. */
  public static final long WRITE_PARTITION_BASE = 1_000_000L;

  /** How many distinct rows the insert workload cycles through (a power of two). */
  public static final int WRITE_ROWS = 4096;

  private static final Instant FIRST_TIMESTAMP = Instant.parse("2024-01-01T00:00:00Z");

  private final int partitions;
  private final Item[] writes;

  /**
   * One row of {@code bench.items}.
   *
   * @param pk the partition key
   * @param ck the clustering key
   * @param id a uuid
   * @param ts a timestamp
   * @param name a 15-character text
   * @param qty an int
   * @param total a bigint
   */
  public record Item(long pk, int ck, UUID id, Instant ts, String name, int qty, long total) {}

  /**
   * Creates the data set.
   *
   * @param partitions how many partitions the reads spread over (and a real node is loaded with)
   */
  public BenchData(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    this.partitions = partitions;
    this.writes = new Item[WRITE_ROWS];
    for (int i = 0; i < WRITE_ROWS; i++) {
      writes[i] = item(WRITE_PARTITION_BASE + i / ROWS_PER_PARTITION, i % ROWS_PER_PARTITION);
    }
  }

  /** How many partitions the reads spread over. */
  public int partitions() {
    return partitions;
  }

  /** Row {@code k} of partition {@code pk}. */
  public static Item item(long pk, int k) {
    return new Item(
        pk,
        k,
        UUID.nameUUIDFromBytes(("item-" + k).getBytes(StandardCharsets.UTF_8)),
        FIRST_TIMESTAMP.plusSeconds(k),
        String.format("item-%010d", k),
        k,
        1000L * k);
  }

  /** The row the {@code i}-th insert writes (precomputed: the harness allocates nothing). */
  public Item write(long i) {
    return writes[(int) (i & (WRITE_ROWS - 1))];
  }

  /** The partition the {@code i}-th read reads. */
  public long readPartition(long i) {
    return i % partitions;
  }

  /** The clustering key the {@code i}-th single-row read reads. */
  public int readClustering(long i) {
    return (int) ((i / partitions) % ROWS_PER_PARTITION);
  }

  /**
   * Folds the cells of one row into a checksum, so that a driver adapter consumes every cell the
   * same way and the JIT cannot drop the reads. Every adapter must call it once per row read.
   *
   * @return a value depending on every cell
   */
  public static long checksum(
      long pk, int ck, UUID id, Instant ts, String name, int qty, long total) {
    return pk
        ^ ck
        ^ id.getLeastSignificantBits()
        ^ ts.toEpochMilli()
        ^ name.length()
        ^ ((long) qty << 32)
        ^ total;
  }
}
