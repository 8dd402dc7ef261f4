package org.cql4j.session.internal.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.cql4j.session.errors.ConnectionException;
import org.junit.jupiter.api.Test;

class ContactPointsTest {

  @Test
  void parsesHostsPortsAndIpv6Literals() {
    assertThat(ContactPoints.parse("db1", 9042)).isEqualTo(unresolved("db1", 9042));
    assertThat(ContactPoints.parse(" db1:19042 ", 9042)).isEqualTo(unresolved("db1", 19042));
    assertThat(ContactPoints.parse("127.0.0.1:9043", 9042))
        .isEqualTo(unresolved("127.0.0.1", 9043));
    assertThat(ContactPoints.parse("[::1]:9044", 9042)).isEqualTo(unresolved("::1", 9044));
    assertThat(ContactPoints.parse("[::1]", 9042)).isEqualTo(unresolved("::1", 9042));
    assertThat(ContactPoints.parse("fe80::1", 9042)).isEqualTo(unresolved("fe80::1", 9042));
  }

  @Test
  void rejectsMalformedContactPoints() {
    assertThatThrownBy(() -> ContactPoints.parse("db1:port", 9042))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'port' is not a port number");
    assertThatThrownBy(() -> ContactPoints.parse("db1:70000", 9042))
        .hasMessageContaining("port 70000 is not in 1..65535");
    assertThatThrownBy(() -> ContactPoints.parse(":9042", 9042))
        .hasMessageContaining("the host is empty");
    assertThatThrownBy(() -> ContactPoints.parse("[::1", 9042)).hasMessageContaining("brackets");
  }

  @Test
  void resolvesLiteralsAndSkipsUnknownHosts() {
    List<InetSocketAddress> resolved =
        ContactPoints.resolve(List.of("no-such-host.invalid", "127.0.0.1:9999"), 9042);
    assertThat(resolved).containsExactly(new InetSocketAddress("127.0.0.1", 9999));
  }

  @Test
  void failsWhenNoContactPointResolves() {
    assertThatThrownBy(() -> ContactPoints.resolve(List.of("no-such-host.invalid"), 9042))
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("unknown host 'no-such-host.invalid'");
  }

  private static InetSocketAddress unresolved(String host, int port) {
    return InetSocketAddress.createUnresolved(host, port);
  }
}
