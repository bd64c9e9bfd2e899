#!/usr/bin/env bash
# The end-to-end comparison of issue 9 (Sluice vs Apache Spark vs Kafka Streams), one command:
#   benchmarks-compare/compare.sh [--rows=5000000] [--workloads=W1,W3] [--help] ...
# Builds the engine and this module through the reactor (never `mvn install`: the module runs the reactor's jars),
# writes the module's runtime classpath, then runs CompareRunner, which forks one JVM per engine and workload
# with Spark's --add-opens flags. Results go to benchmarks/results/compare-<UTC date>.{json,svg}.
# MVN_OPTS_EXTRA="-o" (or unset) passes extra flags to Maven, e.g. offline once Spark is in ~/.m2.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q ${MVN_OPTS_EXTRA:-} -Pcompare package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime -pl benchmarks-compare -am
module_jar=benchmarks-compare/target/benchmarks-compare-0.1.0-SNAPSHOT.jar
# Sluice's JVMs get the benchmarks module's classpath (engine, connectors, state, testkit) and no Spark jars:
# a Sluice application would not carry them, and every jar on the path slows class and service lookup.
picocli="$(tr ':' '\n' < benchmarks-compare/target/classpath.txt | grep '/picocli-')"
sluice_cp="$module_jar:benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt):$picocli"
exec java -Xmx1g -Duser.timezone=UTC -cp "$module_jar:$(cat benchmarks-compare/target/classpath.txt)" \
  dev.sluice.benchmarks.compare.CompareRunner --sluice-classpath="$sluice_cp" "$@"
