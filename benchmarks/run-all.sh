#!/usr/bin/env bash
# Builds the benchmarks and runs all of them: the JMH suite (with bytes allocated per operation),
# and the end-to-end comparison with the Java driver 4.19.3 against the null server, a real
# Cassandra node, a 3-node Cassandra ring and that ring behind the ScyllaDB emulation. Each part
# prints its own table, unpinned and pinned (client and server on a core each); docs/performance.md
# explains them. Last, cql4j stress (cql4j-cli) against the end-to-end benchmark (docs/cli.md).
# Usage (from anywhere): benchmarks/run-all.sh [runs]   (default 5 runs per end-to-end cell)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
./mvnw -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
java -jar "$jar" "RowDecode|FrameCodec" -prof gc -f 1 -wi 3 -i 5
for target in null cassandra ring scylla; do
  # unpinned (every process on any core), then pinned: the measured client JVM on CPU 0, the
  # coordinator with the server (the null server, the nodes, the proxy) on CPU 1; a pinned JVM
  # compiles on the core it measures on, so it warms up longer
  for placement in "--warmup-seconds 3" "--warmup-seconds 10 --client-cpus 0 --server-cpus 1"; do
    # shellcheck disable=SC2086 # $placement is options
    java -cp "$jar" org.cql4j.benchmarks.e2e.EndToEnd --target "$target" --drivers java,cql4j \
      --workloads insert,select-one,select-partition --concurrency 1,64,1024 \
      --runs "$runs" --measure-seconds 5 $placement
  done
done
# the stress tool (cql4j-cli) against the end-to-end benchmark, and its own cost (docs/cli.md)
java -cp "$jar" org.cql4j.benchmarks.e2e.StressToolComparison --target null \
  --concurrency 64,1024 --runs "$runs" --warmup-seconds 5 --measure-seconds 10
