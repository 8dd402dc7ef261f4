package org.cql4j.session.internal.metadata;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.session.Node;

/**
 * Nodes for the replica tests: node {@code n} is at 10.0.0.n, with a datacenter, rack and tokens.
 */
final class TestNodes {
  private TestNodes() {}

  static Node node(int n, String datacenter, String rack, long... tokens) {
    List<Long> list = new ArrayList<>();
    for (long token : tokens) {
      list.add(token);
    }
    try {
      InetAddress address = InetAddress.getByAddress(new byte[] {10, 0, (byte) (n >> 8), (byte) n});
      return new DefaultNode(new InetSocketAddress(address, 9042), null, datacenter, rack, list);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static Node node(int n, long... tokens) {
    return node(n, "dc1", "r1", tokens);
  }
}
