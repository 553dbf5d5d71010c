#!/usr/bin/env bash
# Runs the segments benchmarks (bench/segments/README.md) on a fresh embedded PostgreSQL.
# Extra -D options are passed on, e.g.: bench/segments/run.sh -Dcustomers=100000 -Dupdates=500
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile exec:java \
  -Dexec.mainClass=dev.herald.bench.SegmentsBenchmark -Dexec.classpathScope=test "$@"
