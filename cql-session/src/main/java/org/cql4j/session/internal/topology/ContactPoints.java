package org.cql4j.session.internal.topology;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cql4j.session.errors.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parses and resolves contact points. Thread-safe (stateless); resolution blocks on DNS. */
public final class ContactPoints {
  private static final Logger LOG = LoggerFactory.getLogger(ContactPoints.class);

  private ContactPoints() {}

  /**
   * Parses {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6 literal
   * into an unresolved address.
   *
   * @param contactPoint the text
   * @param defaultPort the port when none is given
   * @return the unresolved address
   * @throws IllegalArgumentException if the text is malformed or the port out of range
   */
  public static InetSocketAddress parse(String contactPoint, int defaultPort) {
    String text = contactPoint.strip();
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
        throw invalid(contactPoint, "an IPv6 address goes in brackets, as in [::1]:9042");
      }
      host = text.substring(1, close);
      port = close + 1 < text.length() ? text.substring(close + 2) : null;
    } else if (text.indexOf(':') != text.lastIndexOf(':')) {
      host = text; // a bare IPv6 literal
    } else {
      int colon = text.indexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw invalid(contactPoint, "the host is empty");
    }
    int portNumber = defaultPort;
    if (port != null) {
      try {
        portNumber = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw invalid(contactPoint, "'" + port + "' is not a port number");
      }
      if (portNumber < 1 || portNumber > 65535) {
        throw invalid(contactPoint, "port " + portNumber + " is not in 1..65535");
      }
    }
    return InetSocketAddress.createUnresolved(host, portNumber);
  }

  /**
   * Resolves every contact point to all of its addresses. Unresolvable names are logged and
   * skipped.
   *
   * @param contactPoints the contact points as the user wrote them
   * @param defaultPort the port when none is given
   * @return the distinct addresses, in order
   * @throws ConnectionException if no contact point resolves
   * @throws IllegalArgumentException if a contact point is malformed
   */
  public static List<InetSocketAddress> resolve(List<String> contactPoints, int defaultPort) {
    Set<InetSocketAddress> resolved = new LinkedHashSet<>();
    List<String> failures = new ArrayList<>();
    for (String contactPoint : contactPoints) {
      InetSocketAddress unresolved = parse(contactPoint, defaultPort);
      try {
        for (InetAddress ip : InetAddress.getAllByName(unresolved.getHostString())) {
          resolved.add(new InetSocketAddress(ip, unresolved.getPort()));
        }
      } catch (UnknownHostException e) {
        LOG.warn("cannot resolve contact point '{}': {}", contactPoint, e.getMessage());
        failures.add("'" + contactPoint + "'");
      }
    }
    if (resolved.isEmpty()) {
      throw new ConnectionException(
          "cannot resolve any contact point: unknown host " + String.join(", ", failures));
    }
    return new ArrayList<>(resolved);
  }

  private static IllegalArgumentException invalid(String contactPoint, String why) {
    return new IllegalArgumentException("invalid contact point '" + contactPoint + "': " + why);
  }
}
