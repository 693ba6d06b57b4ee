#!/usr/bin/env bash
# Stop the nodes started by start-cluster.sh (by the PIDs it wrote), waiting for them to close.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${OPENSEARCH_HOME:-$here/../var/opensearch}"
for pidfile in "$home"/node-*.pid; do
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
done
