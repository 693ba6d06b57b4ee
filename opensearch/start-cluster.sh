#!/usr/bin/env bash
# Start a real two-node OpenSearch 2.19 cluster on loopback from the Maven Central jars
# (opensearch/launcher), wait until both nodes have joined and the cluster is yellow or green,
# then print its URL. Stop it with opensearch/stop-cluster.sh.
#
# Environment: OPENSEARCH_HOME (state folder, default var/opensearch under the repository),
# OPENSEARCH_PORT (HTTP port of the first node, default 9250; the second takes +1, transport
# takes +100 and +101), OPENSEARCH_HEAP (per node, default 1g).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${OPENSEARCH_HOME:-$here/../var/opensearch}"
port="${OPENSEARCH_PORT:-9250}"
heap="${OPENSEARCH_HEAP:-1g}"
launcher="$here/launcher"
mkdir -p "$home"
home="$(cd "$home" && pwd)"
url="http://127.0.0.1:$port"

if curl -fsS "$url/_cluster/health" >/dev/null 2>&1; then
  echo "$url"
  exit 0
fi

# Build once; later builds work offline from the local Maven repository.
jar="$launcher/target/opensearch-launcher-1.0.jar"
if [ ! -f "$jar" ] || [ "$launcher/pom.xml" -nt "$jar" ] \
   || [ -n "$(find "$launcher/src" -newer "$jar" -print -quit)" ]; then
  mvn -B -q -o -f "$launcher/pom.xml" package -DskipTests >/dev/null 2>&1 \
    || mvn -B -q -f "$launcher/pom.xml" package -DskipTests >&2
fi
cp="$jar:$launcher/target/lib/*"

t1=$((port + 100)); t2=$((port + 101))
for n in 1 2; do
  node_home="$home/node-$n"
  mkdir -p "$node_home"
  if [ -f "$home/node-$n.pid" ] && kill -0 "$(cat "$home/node-$n.pid")" 2>/dev/null; then
    continue
  fi
  http=$((port + n - 1)); transport=$((port + 99 + n))
  nohup java -Xms512m -Xmx"$heap" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.formatMsgNoLookups=true -Dopensearch.set.netty.runtime.available.processors=false \
    -cp "$cp" vn.congvan.search.ClusterNode \
    cluster.name=search-test node.name="node-$n" path.home="$node_home" \
    http.port="$http" transport.port="$transport" \
    discovery.seed_hosts="127.0.0.1:$t1,127.0.0.1:$t2" \
    cluster.initial_cluster_manager_nodes=node-1,node-2 \
    >"$home/node-$n.log" 2>&1 </dev/null &
  echo $! >"$home/node-$n.pid"
done

deadline=$((SECONDS + ${OPENSEARCH_START_TIMEOUT:-180}))
until curl -fsS "$url/_cluster/health?wait_for_nodes=2&wait_for_status=yellow&timeout=5s" 2>/dev/null \
      | grep -q '"timed_out":false'; do
  for n in 1 2; do
    if ! kill -0 "$(cat "$home/node-$n.pid")" 2>/dev/null; then
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
echo "$url"
