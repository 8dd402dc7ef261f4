package org.cql4j.session.policy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import org.cql4j.session.internal.metadata.DefaultNode;

final class TestNodes {
  private TestNodes() {}

  static DefaultNode node(int last, String dc) {
    return node(last, dc, "r1");
  }

  static DefaultNode node(int last, String dc, String rack, long... tokens) {
    List<Long> list = new java.util.ArrayList<>();
    for (long t : tokens) {
      list.add(t);
    }
    return new DefaultNode(
        new InetSocketAddress("10.0.0." + last, 9042), UUID.randomUUID(), dc, rack, list);
  }
}
