#!/usr/bin/env bash
# Nexmark on Sluice and Apache Spark side by side (issue 20), one command:
#   benchmarks-compare/nexmark.sh [--events 2000000] [--queries q0,q5,...] [--latency] [--help] ...
# Builds the engine, benchmarks-nexmark and this module through the reactor (never `mvn install`), writes the
# runtime classpaths, then runs NexmarkRunner: it writes the events once as files, computes each query's expected
# output in plain Java, forks one JVM per engine and query (Spark local[2]) and writes
# benchmarks/results/nexmark-<UTC date>.{json,svg}.
# MVN_OPTS_EXTRA="-o" passes extra flags to Maven (e.g. offline once Spark is in the local repository).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q ${MVN_OPTS_EXTRA:-} -Pcompare package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime -pl benchmarks-compare -am
module_jar=benchmarks-compare/target/benchmarks-compare-0.1.0-SNAPSHOT.jar
nexmark_jar=benchmarks-nexmark/target/benchmarks-nexmark-0.1.0-SNAPSHOT.jar
# Sluice's JVMs get the benchmarks module's classpath (engine, connectors, state) and no Spark jars, as a Sluice
# application would run.
picocli="$(tr ':' '\n' < benchmarks-compare/target/classpath.txt | grep '/picocli-')"
sluice_cp="$module_jar:$nexmark_jar:benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt):$picocli"
args=()
# Accept both --events N and --events=N.
while [ $# -gt 0 ]; do
  case "$1" in
    --events|--queries|--rate|--seed|--files|--files-per-trigger|--format|--engines|--heap|--latency-rate|--latency-seconds|--trigger|--work-dir|--results-dir|--name)
      args+=("$1=$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
# The runner itself starts Spark once (the JSON -> Parquet conversion): loopback only, as the forked JVMs.
SPARK_LOCAL_IP=127.0.0.1 exec java -Xmx2g -Duser.timezone=UTC -cp "$module_jar:$(cat benchmarks-compare/target/classpath.txt)" \
  dev.sluice.benchmarks.compare.NexmarkRunner --sluice-classpath="$sluice_cp" "${args[@]}"
