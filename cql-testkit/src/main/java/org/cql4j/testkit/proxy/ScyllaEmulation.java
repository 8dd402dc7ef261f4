package org.cql4j.testkit.proxy;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How the proxy makes each Cassandra node look like a ScyllaDB node: shards, the shard-aware port
 * and the advertised extensions. Immutable and thread-safe; build with {@link #builder()}.
 */
public final class ScyllaEmulation {
  /** ScyllaDB's default shard-aware port. */
  public static final int DEFAULT_SHARD_AWARE_PORT = 19042;

  /** ScyllaDB's {@code LWT_OPTIMIZATION_META_BIT_MASK}: bit 31 of the PREPARED metadata flags. */
  public static final int DEFAULT_LWT_MASK = 0x80000000;

  /** ScyllaDB's rate limit error code ({@code ERROR_CODE} of {@code SCYLLA_RATE_LIMIT_ERROR}). */
  public static final int DEFAULT_RATE_LIMIT_ERROR_CODE = 0xF000;

  private final int shards;
  private final Map<Integer, Integer> shardsPerNode;
  private final int shardAwarePort;
  private final boolean shardAwarePortListening;
  private final int ignoreMsb;
  private final Set<ScyllaOption> options;
  private final int lwtMask;
  private final int rateLimitErrorCode;

  private ScyllaEmulation(Builder b) {
    this.shards = b.shards;
    this.shardsPerNode = Map.copyOf(b.shardsPerNode);
    this.shardAwarePort = b.shardAwarePort;
    this.shardAwarePortListening = b.shardAwarePortListening;
    this.ignoreMsb = b.ignoreMsb;
    this.options = Set.copyOf(b.options);
    this.lwtMask = b.lwtMask;
    this.rateLimitErrorCode = b.rateLimitErrorCode;
  }

  /** Starts configuring an emulation; every option has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The shard count of a node. */
  public int shards(int node) {
    return shardsPerNode.getOrDefault(node, shards);
  }

  /** The shard-aware port, or 0 for none. */
  public int shardAwarePort() {
    return options.contains(ScyllaOption.SHARD_AWARE_PORT) ? shardAwarePort : 0;
  }

  /**
   * Whether the proxy listens on the advertised shard-aware port (else connections are refused).
   */
  public boolean shardAwarePortListening() {
    return shardAwarePortListening;
  }

  /** {@code SCYLLA_SHARDING_IGNORE_MSB}. */
  public int ignoreMsb() {
    return ignoreMsb;
  }

  /** Whether an option is advertised. */
  public boolean advertises(ScyllaOption option) {
    return options.contains(option);
  }

  /** The LWT flag bit. */
  public int lwtMask() {
    return lwtMask;
  }

  /** The rate limit error code. */
  public int rateLimitErrorCode() {
    return rateLimitErrorCode;
  }

  @Override
  public String toString() {
    return "ScyllaEmulation[shards="
        + shards
        + shardsPerNode
        + ", shardAwarePort="
        + shardAwarePort()
        + ", options="
        + options
        + "]";
  }

  /** Configures a {@link ScyllaEmulation}; not thread-safe. */
  public static final class Builder {
    private int shards = 4;
    private final Map<Integer, Integer> shardsPerNode = new HashMap<>();
    private int shardAwarePort = DEFAULT_SHARD_AWARE_PORT;
    private boolean shardAwarePortListening = true;
    private int ignoreMsb = 12;
    private final Set<ScyllaOption> options = EnumSet.allOf(ScyllaOption.class);
    private int lwtMask = DEFAULT_LWT_MASK;
    private int rateLimitErrorCode = DEFAULT_RATE_LIMIT_ERROR_CODE;

    private Builder() {
      options.remove(ScyllaOption.TABLETS_ROUTING_V2);
    }

    /** Shards per node; default 4. */
    public Builder shards(int count) {
      this.shards = checkShards(count);
      return this;
    }

    /** Shards of one node (counted from 1), overriding {@link #shards(int)} for it. */
    public Builder shards(int node, int count) {
      shardsPerNode.put(node, checkShards(count));
      return this;
    }

    /**
     * The shard-aware port on every proxy address; default 19042; 0 turns it off (and removes
     * {@code SCYLLA_SHARD_AWARE_PORT} from SUPPORTED).
     */
    public Builder shardAwarePort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.shardAwarePort = port;
      if (port == 0) {
        options.remove(ScyllaOption.SHARD_AWARE_PORT);
      }
      return this;
    }

    /**
     * Whether the proxy listens on the shard-aware port it advertises; default true. False makes
     * connections to it refused, as behind a firewall that blocks the port, to test a client's
     * fallback to the regular port.
     */
    public Builder shardAwarePortListening(boolean listening) {
      this.shardAwarePortListening = listening;
      return this;
    }

    /** {@code SCYLLA_SHARDING_IGNORE_MSB}; default 12, ScyllaDB's. */
    public Builder ignoreMsb(int bits) {
      if (bits < 0 || bits > 63) {
        throw new IllegalArgumentException("ignoreMsb must be 0..63, was " + bits);
      }
      this.ignoreMsb = bits;
      return this;
    }

    /** Advertises (or not) an option. Default: all but {@link ScyllaOption#TABLETS_ROUTING_V2}. */
    public Builder option(ScyllaOption option, boolean advertised) {
      if (advertised) {
        options.add(option);
      } else {
        options.remove(option);
      }
      return this;
    }

    /** The LWT flag bit; default {@link #DEFAULT_LWT_MASK}. */
    public Builder lwtMask(int mask) {
      this.lwtMask = mask;
      return this;
    }

    /** The rate limit error code; default {@link #DEFAULT_RATE_LIMIT_ERROR_CODE}. */
    public Builder rateLimitErrorCode(int code) {
      this.rateLimitErrorCode = code;
      return this;
    }

    /** The emulation. */
    public ScyllaEmulation build() {
      return new ScyllaEmulation(this);
    }

    private static int checkShards(int count) {
      if (count < 1 || count > 1024) {
        throw new IllegalArgumentException("shards must be 1..1024, was " + count);
      }
      return count;
    }
  }
}
