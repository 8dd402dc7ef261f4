package org.cql4j.examples;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/** Parses the {@code CQL_CONTACT_POINTS} form the examples take; stateless and thread-safe. */
final class ContactPoints {
  private static final int DEFAULT_PORT = 9042;

  private ContactPoints() {}

  /**
   * Parses comma-separated contact points.
   *
   * @param value e.g. {@code "10.0.0.1, 10.0.0.2:9142, [::1]:9042"}
   * @return the addresses, unresolved, port 9042 where none is given
   */
  static List<InetSocketAddress> parse(String value) {
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(ContactPoints::parseOne)
        .toList();
  }

  private static InetSocketAddress parseOne(String hostPort) {
    String host = hostPort;
    int port = DEFAULT_PORT;
    if (hostPort.startsWith("[")) { // [IPv6]:port
      int close = hostPort.indexOf(']');
      host = hostPort.substring(1, close);
      if (hostPort.length() > close + 2) {
        port = Integer.parseInt(hostPort.substring(close + 2));
      }
    } else if (hostPort.indexOf(':') == hostPort.lastIndexOf(':') && hostPort.contains(":")) {
      int colon = hostPort.indexOf(':');
      host = hostPort.substring(0, colon);
      port = Integer.parseInt(hostPort.substring(colon + 1));
    }
    return InetSocketAddress.createUnresolved(host, port);
  }
}
