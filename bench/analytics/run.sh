#!/usr/bin/env bash
# Runs the analytics benchmark (bench/analytics/README.md) on a fresh embedded PostgreSQL.
# Extra -D options are passed on, e.g.: bench/analytics/run.sh -Dmessages=100000 -Drequests=500
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile exec:java \
  -Dexec.mainClass=dev.herald.bench.AnalyticsBenchmark -Dexec.classpathScope=test "$@"
