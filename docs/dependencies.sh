#!/usr/bin/env bash
# Prints, for each artifact an application can depend on, the runtime jars it brings (count, total size) and its
# dependency tree: the figures of docs/DEPENDENCIES.md. Needs the artifacts built (mvn -DskipTests install, or
# run from the reactor as below) and MAVEN_OPTS for another local repository.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULES=engine-core,engine-connectors/files,engine-connectors/parquet,engine-connectors/kafka,engine-connectors/jdbc,engine-connectors/socket,engine-state,checkpoint-hadoop,sluice-all
mvn -B -q -o dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/runtime-cp.txt -pl "$MODULES"
mvn -B -q -o dependency:tree -Dscope=runtime -DoutputFile=target/runtime-tree.txt -pl "$MODULES"
printf '| artifact | jars | MB |\n|---|---:|---:|\n'
jarsof() { # the module's runtime jars + its own jar; engine-core's optional Micrometer is not a user's dependency
  local m=$1 own
  own=$(ls "$m"/target/*-SNAPSHOT.jar 2>/dev/null | grep -v -e sources -e javadoc -e tests | head -1)
  (tr ':' '\n' < "$m/target/runtime-cp.txt"; echo; echo "$own") | grep '\.jar$' \
    | if [ "$m" = engine-core ]; then grep -v -e micrometer -e LatencyUtils -e HdrHistogram; else cat; fi
}
for m in ${MODULES//,/ }; do
  own=$(ls "$m"/target/*-SNAPSHOT.jar 2>/dev/null | grep -v -e sources -e javadoc -e tests | head -1)
  jars=$(jarsof "$m" | wc -l)
  bytes=$(jarsof "$m" | xargs -r stat -c %s | paste -sd+ | bc)
  printf '| %s | %d | %.1f |\n' "$(basename "$m")" "$jars" "$(echo "$bytes / 1048576" | bc -l)"
done
for m in ${MODULES//,/ }; do echo; echo "### $(basename "$m")"; echo '```'; cat "$m/target/runtime-tree.txt"; echo '```'; done
