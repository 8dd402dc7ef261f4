package org.cql4j.session.policy;

import java.net.InetSocketAddress;

/**
 * Translates the addresses nodes advertise in {@code system.peers} into addresses the client can
 * reach (the Rust and Java drivers' {@code AddressTranslator}): behind NAT, or across a private
 * link, a node's own address is not the one to connect to. Implementations must be thread-safe and
 * must not block. Set with {@code SessionBuilder.addressTranslator}; the default keeps the
 * addresses.
 */
@FunctionalInterface
public interface AddressTranslator {

  /**
   * The address to connect to for an advertised one. The contact points are not translated.
   *
   * @param advertised the node's {@code native_address}/{@code rpc_address} and port
   * @return the address to connect to
   */
  InetSocketAddress translate(InetSocketAddress advertised);
}
