#!/usr/bin/env bash
# Export benchmark: builds the project, then runs dev.notionsync.bench.Benchmark with the exporter at -Xmx256m
# and the fake Notion server in a child JVM. Arguments go to the benchmark; --help lists them.
# Every scenario (1k/10k/50k pages, 90 s rate-limited, reruns) takes about 8 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    mvn -B -q -Dmaven.test.skip=true package -pl notion-sync-bench -am
fi

exec java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${BENCH_JAVA_OPTS:-} -jar notion-sync-bench/target/notion-sync-bench.jar "$@"
