package org.cql4j.testkit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cql4j.testkit.internal.ServerVersion;
import org.cql4j.testkit.proxy.ScyllaEmulation;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link CassandraTest}; stateless and thread-safe (the started
 * clusters live in JUnit's root store, one per kind, closed when the test plan ends).
 */
public final class CassandraExtension
    implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  /** System property: comma-separated {@code host:port} of an external cluster to test against. */
  public static final String CONTACT_POINTS_PROPERTY = "cql4j.test.contactPoints";

  /**
   * The system property that moves the nodes the extension starts from 127.0.x.y to 127.N.x.y (N
   * from 0 to 255, default 0), so that two test JVMs on one machine do not share nodes.
   */
  public static final String ADDRESS_BLOCK_PROPERTY = "cql4j.test.addressBlock";

  /**
   * The system property choosing the Cassandra version of the nodes the extension starts: {@code
   * 5.0} (default) or {@code 4.1}. Nodes built by hand follow it too unless their builder sets
   * {@link CassandraNodeBuilder#version(String)}, so {@code -Dcql4j.test.cassandraVersion=4.1}
   * repeats a whole test run against Cassandra 4.1.
   */
  public static final String VERSION_PROPERTY = ServerVersion.PROPERTY;

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CassandraExtension.class);

  /** Creates the extension; JUnit does this through {@link CassandraTest}. */
  public CassandraExtension() {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<CassandraTest> wanted = wanted(context);
    if (wanted.isPresent()
        && externalContactPoints().isPresent()
        && (wanted.get().passwordAuthentication()
            || wanted.get().clientTls()
            || wanted.get().clientCertificates())) {
      return ConditionEvaluationResult.disabled(
          "needs nodes with authentication or TLS set up by cql4j-testkit, but -D"
              + CONTACT_POINTS_PROPERTY
              + " points at an external cluster");
    }
    return ConditionEvaluationResult.enabled("Cassandra available");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context); // start (or reuse) before the first test, so a failure fails the class
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return cluster(context);
  }

  private static TestCluster cluster(ExtensionContext context) {
    CassandraTest wanted =
        wanted(context)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "CassandraExtension needs @CassandraTest on the test class"));
    Optional<List<String>> external = externalContactPoints();
    if (external.isPresent()) {
      return new TestCluster(
          "external cluster " + external.get(),
          external.get(),
          Optional.ofNullable(System.getProperty("cql4j.test.username")),
          Optional.ofNullable(System.getProperty("cql4j.test.password")),
          Optional.empty(),
          Optional.empty());
    }
    Kind kind =
        new Kind(
            wanted.nodes(),
            wanted.passwordAuthentication(),
            wanted.clientTls() || wanted.clientCertificates(),
            wanted.clientCertificates(),
            wanted.proxy() || wanted.scyllaShards() > 0,
            wanted.scyllaShards());
    return managed(context, kind);
  }

  /**
   * What a test class asks for: nodes and, maybe, a proxy in front of them.
   *
   * @param nodes how many nodes
   * @param auth password authentication
   * @param tls client TLS
   * @param clientCertificates client TLS with client certificates (mutual TLS)
   * @param proxy whether a proxy fronts them
   * @param scyllaShards the emulation's shards, 0 for none
   */
  record Kind(
      int nodes,
      boolean auth,
      boolean tls,
      boolean clientCertificates,
      boolean proxy,
      int scyllaShards) {
    String nodesKey() {
      return "nodes=" + nodes + ",auth=" + auth + ",tls=" + tls + ",certs=" + clientCertificates;
    }
  }

  /** The nodes of a kind (started once per JVM), behind a proxy when the kind asks for one. */
  static TestCluster managed(ExtensionContext context, Kind kind) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    SharedCluster nodes =
        store.getOrComputeIfAbsent(
            kind.nodesKey(), k -> SharedCluster.start(kind), SharedCluster.class);
    if (!kind.proxy()) {
      return nodes.testCluster();
    }
    if (kind.tls()) {
      throw new IllegalStateException(
          "CqlProxy does not speak TLS: proxy = true needs clientTls = false");
    }
    return store
        .getOrComputeIfAbsent(
            kind.nodesKey() + ",proxy,shards=" + kind.scyllaShards(),
            k -> SharedProxy.start(nodes, kind),
            SharedProxy.class)
        .testCluster();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<CassandraTest> wanted = wanted(context);
    if (wanted.isPresent()
        && (wanted.get().proxy() || wanted.get().scyllaShards() > 0)
        && externalContactPoints().isEmpty()) {
      resetProxy(cluster(context));
    }
  }

  /** Clears a test cluster's proxy rules and counters, if it has a proxy. */
  static void resetProxy(TestCluster cluster) {
    cluster
        .proxy()
        .ifPresent(
            p -> {
              p.resetRules();
              p.resetCounters();
              p.tablets().clear();
            });
  }

  private static Optional<CassandraTest> wanted(ExtensionContext context) {
    return context
        .getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, CassandraTest.class));
  }

  private static Optional<List<String>> externalContactPoints() {
    String value = System.getProperty(CONTACT_POINTS_PROPERTY, "");
    List<String> points = new ArrayList<>();
    Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(points::add);
    return points.isEmpty() ? Optional.empty() : Optional.of(points);
  }

  /** A cluster started for one kind of {@link CassandraTest}, closed with the test plan. */
  @SuppressWarnings("deprecation") // CloseableResource: the form every JUnit 5 version closes
  private record SharedCluster(CassandraCluster cluster, TestCluster testCluster)
      implements ExtensionContext.Store.CloseableResource {

    static SharedCluster start(Kind wanted) {
      // Each kind gets its own loopback addresses so kinds can run side by side in one JVM:
      // the plain ring on 127.0.0.1..n as documented, single nodes on 127.0.<odd>.1.
      // -Dcql4j.test.addressBlock=N moves them all to 127.N.x.y, so that two test JVMs (two
      // checkouts, or parallel builds) can each run their own nodes on one machine.
      int block = Integer.getInteger(ADDRESS_BLOCK_PROPERTY, 0);
      // mutual TLS (4 + 2 + auth) takes 127.B.12.y to 127.B.15.y
      int kind =
          (wanted.auth() ? 1 : 0) + (wanted.tls() ? 2 : 0) + (wanted.clientCertificates() ? 4 : 0);
      int subnet = kind * 2 + (wanted.nodes() > 1 ? 0 : 1);
      List<String> addresses = new ArrayList<>();
      for (int i = 1; i <= wanted.nodes(); i++) {
        addresses.add("127." + block + "." + subnet + "." + i);
      }
      CassandraCluster cluster =
          CassandraCluster.builder()
              .version(ServerVersion.fromSystemProperty().label())
              .addresses(addresses)
              .configureNodes(
                  node ->
                      node.passwordAuthentication(wanted.auth())
                          .clientTls(wanted.tls())
                          .requireClientCertificates(wanted.clientCertificates())
                          .stopTimeout(Duration.ofSeconds(10)))
              .build();
      try {
        cluster.start();
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
      boolean auth = wanted.auth();
      TestCluster testCluster =
          new TestCluster(
              "Cassandra "
                  + cluster.version()
                  + ", "
                  + wanted.nodes()
                  + (wanted.nodes() == 1 ? " node" : " nodes")
                  + (auth ? ", password authentication" : "")
                  + (wanted.clientCertificates()
                      ? ", client TLS with client certificates"
                      : wanted.tls() ? ", client TLS" : ""),
              cluster.contactPoints(),
              auth ? Optional.of(CassandraNode.DEFAULT_USERNAME) : Optional.empty(),
              auth ? Optional.of(CassandraNode.DEFAULT_PASSWORD) : Optional.empty(),
              cluster.clientTrustStore(),
              Optional.of(cluster),
              Optional.empty(),
              cluster.clientKeyStore());
      return new SharedCluster(cluster, testCluster);
    }

    @Override
    public void close() {
      cluster.close();
    }
  }

  /** A proxy in front of a shared cluster, closed with the test plan (before the nodes). */
  @SuppressWarnings("deprecation") // CloseableResource: the form every JUnit 5 version closes
  private record SharedProxy(CqlProxy proxy, TestCluster testCluster)
      implements ExtensionContext.Store.CloseableResource {

    static SharedProxy start(SharedCluster nodes, Kind kind) {
      // The proxy listens beside the nodes: 127.B.x.y -> 127.B.(x xor 128).y, or xor 192 for the
      // emulation, so that a plain proxy and an emulation of the same nodes can coexist.
      CqlProxy.Builder builder = CqlProxy.builder();
      for (String contactPoint : nodes.cluster().contactPoints()) {
        InetSocketAddress node = CqlProxy.Builder.parse(contactPoint);
        byte[] ip = node.getAddress().getAddress();
        int third = (ip[2] & 0xFF) ^ (kind.scyllaShards() > 0 ? 192 : 128);
        builder.node(
            contactPoint,
            "127." + (ip[1] & 0xFF) + "." + third + "." + (ip[3] & 0xFF) + ":" + node.getPort());
      }
      if (kind.auth()) {
        builder.credentials(CassandraNode.DEFAULT_USERNAME, CassandraNode.DEFAULT_PASSWORD);
      }
      if (kind.scyllaShards() > 0) {
        builder.scylla(ScyllaEmulation.builder().shards(kind.scyllaShards()).build());
      }
      CqlProxy proxy = builder.start();
      TestCluster base = nodes.testCluster();
      String description =
          kind.scyllaShards() > 0
              ? "ScyllaDB emulation (CqlProxy, "
                  + kind.scyllaShards()
                  + " shards per node) over "
                  + base.description()
              : base.description() + ", through CqlProxy";
      return new SharedProxy(
          proxy,
          new TestCluster(
              description,
              proxy.contactPoints(),
              base.username(),
              base.password(),
              base.clientTrustStore(),
              base.managed(),
              Optional.of(proxy)));
    }

    @Override
    public void close() {
      proxy.close();
    }
  }
}
