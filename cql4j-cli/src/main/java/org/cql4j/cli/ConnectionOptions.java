package org.cql4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.session.Compression;
import org.cql4j.session.PoolSize;
import org.cql4j.session.Session;
import org.cql4j.session.SessionBuilder;
import org.cql4j.session.policy.DefaultLoadBalancingPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import picocli.CommandLine.Option;

/**
 * How {@code stress} and {@code shell} connect: contact points, credentials, compression, pool and
 * routing settings, consistency and timeout (a picocli mixin). Not thread-safe; filled by picocli
 * on the main thread.
 */
public final class ConnectionOptions {

  @Option(
      names = "--host",
      paramLabel = "HOST[:PORT]",
      split = ",",
      description = "Contact points, comma-separated or repeated (default: 127.0.0.1:9042).")
  private List<String> hosts = new ArrayList<>();

  @Option(
      names = {"-u", "--user"},
      description = "User name for password authentication.")
  private String user;

  @Option(
      names = {"-p", "--password"},
      description = "Password for password authentication (default: empty).",
      arity = "0..1",
      interactive = true)
  private String password;

  @Option(
      names = "--compression",
      description = "NONE, LZ4 or SNAPPY (default: ${DEFAULT-VALUE}).",
      defaultValue = "NONE")
  private Compression compression;

  @Option(
      names = "--consistency",
      description = "Default consistency level (default: ${DEFAULT-VALUE}).",
      defaultValue = "LOCAL_ONE")
  private Consistency consistency;

  @Option(
      names = "--request-timeout",
      description = "Request timeout, e.g. 2s or 500ms (default: ${DEFAULT-VALUE}).",
      defaultValue = "12s",
      converter = DurationConverter.class)
  private Duration requestTimeout;

  @Option(
      names = "--datacenter",
      description = "Prefer this data center's nodes (default: all data centers alike).")
  private String datacenter;

  @Option(names = "--rack", description = "Prefer this rack within --datacenter (default: none).")
  private String rack;

  @Option(
      names = "--no-token-aware",
      description = "Send requests to any node instead of a replica of their partition.")
  private boolean noTokenAware;

  @Option(
      names = "--connections",
      description =
          "Connections per shard on ScyllaDB, per node on Cassandra (which has no shards)"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  private int connections;

  @Option(
      names = "--per-host",
      description =
          "Count --connections per node, whatever its shards (default: per shard, so that each"
              + " request can go to the shard that owns its token).")
  private boolean perHost;

  /** Creates empty options; picocli fills them. */
  public ConnectionOptions() {}

  /** The contact points given, or {@code 127.0.0.1:9042}. */
  public List<String> contactPoints() {
    return hosts.isEmpty() ? List.of("127.0.0.1:9042") : List.copyOf(hosts);
  }

  /** The default consistency level. */
  public Consistency consistency() {
    return consistency;
  }

  /**
   * A session builder with every option applied; the caller may add to it, then builds it.
   *
   * @return a new builder
   */
  public SessionBuilder sessionBuilder() {
    DefaultLoadBalancingPolicy.Builder routing =
        DefaultLoadBalancingPolicy.builder().tokenAware(!noTokenAware);
    if (datacenter != null && rack != null) {
      routing.preferDatacenterAndRack(datacenter, rack);
    } else if (datacenter != null) {
      routing.preferDatacenter(datacenter);
    } else if (rack != null) {
      throw new IllegalArgumentException("--rack needs --datacenter");
    }
    ExecutionProfile profile =
        ExecutionProfile.builder()
            .consistency(consistency)
            .requestTimeout(requestTimeout)
            .loadBalancingPolicy(routing.build())
            .build();
    SessionBuilder builder =
        Session.builder()
            .knownNodes(contactPoints())
            .compression(compression)
            .poolSize(perHost ? PoolSize.perHost(connections) : PoolSize.perShard(connections))
            .defaultExecutionProfileHandle(profile.intoHandle());
    if (user != null) {
      builder.user(user, password == null ? "" : password);
    }
    return builder;
  }
}
