#!/usr/bin/env bash
# Builds Herald, starts it on an embedded PostgreSQL in a fresh data directory, runs bench.mjs, stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${HERALD_JAR:-target/herald.jar}
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
DATA=$(mktemp -d)
PORT=${HERALD_PORT:-18089}
export HERALD_BOOTSTRAP_APP_ID=bench HERALD_BOOTSTRAP_APP_TOKEN=bench-token
HERALD_PORT=$PORT HERALD_DATA_DIR=$DATA java -jar "$JAR" > "$DATA/herald.log" 2>&1 &
PID=$!
trap 'kill $PID; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
HERALD_URL=http://127.0.0.1:$PORT HERALD_APP_ID=bench HERALD_APP_TOKEN=bench-token node bench/promotions/bench.mjs
