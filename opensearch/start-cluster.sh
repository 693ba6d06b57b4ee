#!/usr/bin/env bash
# Start a real three-node OpenSearch 2.19 cluster on loopback from the Maven Central jars
# (opensearch/launcher), wait until every node has joined and the cluster is yellow or green,
# then print its URL (every node, comma-separated). Every node is cluster-manager-eligible, so
# losing any one still leaves a majority to elect a manager. Stop it with opensearch/stop-cluster.sh;
# start it again after a node was killed and only the missing nodes are started.
#
# Environment: OPENSEARCH_HOME (state folder, default var/opensearch under the repository),
# OPENSEARCH_PORT (HTTP port of the first node, default 9250; node n takes +n-1, its transport
# port +100+n-1), OPENSEARCH_NODES (default 3), OPENSEARCH_HEAP (per node, default 1g).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${OPENSEARCH_HOME:-$here/../var/opensearch}"
port="${OPENSEARCH_PORT:-9250}"
nodes="${OPENSEARCH_NODES:-3}"
heap="${OPENSEARCH_HEAP:-1g}"
launcher="$here/launcher"
mkdir -p "$home"
home="$(cd "$home" && pwd)"

urls=(); seeds=(); names=()
for n in $(seq "$nodes"); do
  urls+=("http://127.0.0.1:$((port + n - 1))")
  seeds+=("127.0.0.1:$((port + 99 + n))")
  names+=("node-$n")
done
url="${urls[0]}"
all_urls="$(IFS=,; echo "${urls[*]}")"

# Running, and not a zombie (a killed node whose parent has not reaped it yet is gone).
running() {
  [ -f "$home/node-$1.pid" ] || return 1
  local state
  state="$(sed 's/.*) //' "/proc/$(cat "$home/node-$1.pid")/stat" 2>/dev/null | cut -d' ' -f1)"
  [ -n "$state" ] && [ "$state" != Z ]
}

# Build once; later builds work offline from the local Maven repository.
jar="$launcher/target/opensearch-launcher-1.0.jar"
if [ ! -f "$jar" ] || [ "$launcher/pom.xml" -nt "$jar" ] \
   || [ -n "$(find "$launcher/src" -newer "$jar" -print -quit)" ]; then
  mvn -B -q -o -f "$launcher/pom.xml" package -DskipTests >/dev/null 2>&1 \
    || mvn -B -q -f "$launcher/pom.xml" package -DskipTests >&2
fi
cp="$jar:$launcher/target/lib/*"

for n in $(seq "$nodes"); do
  running "$n" && continue
  if [ ! -f "$home/node-$n.pid" ] && curl -fsS "http://127.0.0.1:$((port + n - 1))/" >/dev/null 2>&1; then
    continue  # a cluster not started from this folder answers on the port: leave it alone
  fi
  node_home="$home/node-$n"
  mkdir -p "$node_home"
  nohup java -Xms512m -Xmx"$heap" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.formatMsgNoLookups=true -Dopensearch.set.netty.runtime.available.processors=false \
    -cp "$cp" vn.congvan.search.ClusterNode \
    cluster.name=search-test node.name="node-$n" path.home="$node_home" \
    http.port="$((port + n - 1))" transport.port="$((port + 99 + n))" \
    discovery.seed_hosts="$(IFS=,; echo "${seeds[*]}")" \
    cluster.initial_cluster_manager_nodes="$(IFS=,; echo "${names[*]}")" \
    >>"$home/node-$n.log" 2>&1 </dev/null &
  echo $! >"$home/node-$n.pid"
done

deadline=$((SECONDS + ${OPENSEARCH_START_TIMEOUT:-180}))
until curl -fsS "$url/_cluster/health?wait_for_nodes=$nodes&wait_for_status=yellow&timeout=5s" 2>/dev/null \
      | grep -q '"timed_out":false'; do
  for n in $(seq "$nodes"); do
    if [ -f "$home/node-$n.pid" ] && ! running "$n"; then
      echo "node-$n exited; its log:" >&2
      tail -40 "$home/node-$n.log" >&2
      exit 1
    fi
  done
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "cluster not ready after ${OPENSEARCH_START_TIMEOUT:-180}s; logs in $home" >&2
    exit 1
  fi
  sleep 2
done
echo "$all_urls"
