package org.cql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command line: a child JVM proxies the null server, prints its addresses, stops on SIGTERM.
 */
class CqlProxyMainTest {

  @Test
  void runsInFrontOfANodeAndStopsCleanlyOnSigterm() throws Exception {
    try (NullCqlServer server = NullCqlServer.builder().address("127.0.78.1").start()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  CqlProxyMain.class.getName(),
                  "--node",
                  server.contactPoint() + "=127.0.78.2:0",
                  "--scylla-shards",
                  "2",
                  "--shard-aware-port",
                  "0")
              .redirectErrorStream(true)
              .start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        Thread reader =
            new Thread(
                () -> {
                  try {
                    String l;
                    while ((l = out.readLine()) != null) {
                      lines.add(l);
                      if (l.equals("ready")) {
                        ready.countDown();
                      }
                    }
                  } catch (IOException e) {
                    // the process ended
                  }
                });
        reader.start();
        assertThat(ready.await(30, TimeUnit.SECONDS)).as("ready, after %s", lines).isTrue();
        String proxyLine =
            lines.stream()
                .filter(l -> l.startsWith("proxy "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(lines));
        assertThat(proxyLine).endsWith("-> " + server.contactPoint());
        String listen = proxyLine.split(" ")[1];
        int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        try (Socket client = new Socket("127.0.78.2", port)) {
          assertThat(client.isConnected()).isTrue();
        }

        process.destroy(); // SIGTERM, by PID
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        reader.join(5_000);
        assertThat(process.exitValue()).isIn(0, 143);
        try (ServerSocket again = new ServerSocket()) {
          again.bind(new InetSocketAddress("127.0.78.2", port));
        }
      } finally {
        process.destroyForcibly();
      }
    }
  }
}
