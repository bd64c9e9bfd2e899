#!/usr/bin/env bash
# Cold start of a Sluice application: JVM start -> first batch committed, median of N fresh JVMs per scenario
# (ColdStart.java). The class path is what an application using engine-core + connector-files + connector-parquet
# (+ slf4j-simple) has: the modules as jars, their runtime dependencies, and the harness.
# Usage: benchmarks/cold-start.sh [runs=7] [one-row files after the cold start=50] [cds]
# SCENARIOS="..." picks the scenarios (default "memory json-parquet"; also json-memory, and the floors without Sluice:
# jvm, parquet-floor; see ColdStart.java).
# With "cds", each scenario first records an application class-data-sharing archive (JDK 17's
# -XX:ArchiveClassesAtExit, one training run), then its timed runs start with -XX:SharedArchiveFile: the figure an
# application gets when it ships such an archive (benchmarks/README.md, "Cold start").
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
FILES=${2:-50}
CDS=${3:-}
SCENARIOS=${SCENARIOS:-memory json-parquet}
MVN=(mvn -B -q -o)  # MAVEN_OPTS="-Dmaven.repo.local=..." and M2_REPO=... for another local repository
# one reactor run (no install needed): jars, and each module's runtime class path in its target/runtime-cp.txt
"${MVN[@]}" package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -Denforcer.skip \
  -DincludeScope=runtime -Dmdep.outputFile=target/runtime-cp.txt -pl engine-connectors/parquet,benchmarks -am
SLF4J_SIMPLE=$(find "${M2_REPO:-$HOME/.m2/repository}/org/slf4j/slf4j-simple" -name 'slf4j-simple-2.0.17.jar' | head -1)
DEPS=$(tr ':' '\n' < engine-connectors/parquet/target/runtime-cp.txt | grep -v '/dev/sluice/' | paste -sd:)
CP="engine-sql-lite/target/engine-sql-lite-0.1.0-SNAPSHOT.jar:engine-core/target/engine-core-0.1.0-SNAPSHOT.jar"
CP="$CP:engine-connectors/files/target/connector-files-0.1.0-SNAPSHOT.jar"
# the harness as a jar: a class-data-sharing archive takes jars only
HARNESS=benchmarks/target/cold-start-harness.jar
(cd benchmarks/target/classes && jar cf ../cold-start-harness.jar dev/sluice/benchmarks/ColdStart*.class \
  dev/sluice/benchmarks/ParquetFloor*.class)
CP="$CP:engine-connectors/parquet/target/connector-parquet-0.1.0-SNAPSHOT.jar:$HARNESS:$DEPS:$SLF4J_SIMPLE"
echo "class path: $(echo "$CP" | tr ':' '\n' | wc -l) entries"
uptime
for scenario in $SCENARIOS; do
  : > /tmp/sluice-cold-start-$scenario.txt
  SHARE=()
  if [ "$CDS" = cds ]; then
    ARCHIVE=benchmarks/target/cold-start-$scenario.jsa
    rm -f "$ARCHIVE"
    java -XX:ArchiveClassesAtExit="$ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off -Xmx1g -Duser.timezone=UTC -cp "$CP" \
      dev.sluice.benchmarks.ColdStart "$scenario" 0 > /dev/null
    SHARE=(-XX:SharedArchiveFile="$ARCHIVE")
  fi
  for i in $(seq "$RUNS"); do
    extra=0; [ "$scenario" = json-parquet ] && [ "$i" = 1 ] && extra=$FILES
    java "${SHARE[@]}" -Xmx1g -Duser.timezone=UTC -cp "$CP" dev.sluice.benchmarks.ColdStart "$scenario" "$extra" \
      | grep '^COLD' | tee -a /tmp/sluice-cold-start-$scenario.txt
  done
  median=$(sed 's/.*uptimeAtFirstCommitMs=\([0-9]*\).*/\1/' /tmp/sluice-cold-start-$scenario.txt | sort -n \
    | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "MEDIAN $scenario JVM start -> first batch committed: $median ms ($RUNS fresh JVMs${CDS:+, with a CDS archive})"
done
uptime
