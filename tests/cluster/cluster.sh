#!/usr/bin/env bash
# Starts and stops a local OpenSearch 2.19.6 test cluster: one JVM per node,
# each running tests/cluster's Launcher on the server and plugin jars from
# Maven. See README.md beside this file.
#
#   cluster.sh build            build the launcher and its classpath file
#   cluster.sh start [N]        fresh N-node cluster (default 3); waits for green
#   cluster.sh stop             stop the nodes this script started (pid files)
#   cluster.sh kill-node K      SIGKILL node K (fault tests)
#   cluster.sh start-node K     start node K again on its data; waits until it joined
#   cluster.sh wait-green [N]   wait for green with N nodes (default: as started)
#   cluster.sh wait-nodes N     wait until the cluster has N nodes, any colour
#   cluster.sh url              print the HTTP address of node 1
#
# `start` prints node 1's URL as its only line on stdout; progress goes to stderr.
#
# Environment: ECON_CLUSTER_HTTP_PORT_BASE (9200: node K listens on base+K),
# ECON_CLUSTER_TRANSPORT_PORT_BASE (9300), ECON_CLUSTER_HEAP (512m),
# ECON_CLUSTER_TIMEOUT (seconds to wait, 180), ECON_CLUSTER_DIR
# (target/cluster of the repository).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${ECON_CLUSTER_DIR:-$root/target/cluster}
http_base=${ECON_CLUSTER_HTTP_PORT_BASE:-9200}
transport_base=${ECON_CLUSTER_TRANSPORT_PORT_BASE:-9300}
heap=${ECON_CLUSTER_HEAP:-512m}
timeout=${ECON_CLUSTER_TIMEOUT:-180}
main_class=econarchive.cluster.Launcher
jar=$out/maven/cluster-launcher-1.jar
classpath_file=$out/classpath.txt

say() { echo "cluster: $*" >&2; }
die() {
    say "$*"
    exit 1
}
need() { command -v "$1" >/dev/null || die "$1 is not on PATH"; }

java_bin() {
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        echo "$JAVA_HOME/bin/java"
    else
        need java
        command -v java
    fi
}

# --- build -------------------------------------------------------------------

built() {
    [[ -f $jar && -f $classpath_file ]] || return 1
    # Sources or pom newer than the last build?
    [[ -z $(find "$here/pom.xml" "$here/src" -newer "$classpath_file" -print -quit) ]] || return 1
    # Maven's local repository still holds every jar?
    local cp
    IFS=: read -r -a cp <"$classpath_file"
    for f in "${cp[@]}"; do [[ -f $f ]] || return 1; done
}

build() {
    if built; then return 0; fi
    need mvn
    say "building the launcher (mvn package; the first run downloads OpenSearch from Maven Central)"
    mvn -q -B -Dstyle.color=never -f "$here/pom.xml" package >&2
    [[ -f $jar && -f $classpath_file ]] || die "mvn package made no $jar or $classpath_file"
    touch "$classpath_file"
}

# --- nodes ---------------------------------------------------------------------

node_count() {
    [[ -f $out/nodes ]] || die "no cluster was started here ($out/nodes is missing)"
    cat "$out/nodes"
}
http_port() { echo $((http_base + $1)); }
transport_port() { echo $((transport_base + $1)); }
home_of() { echo "$out/node$1"; }
pid_file() { echo "$out/node$1.pid"; }

# The pid of node K if that process is alive and is our launcher for that
# home (a pid file left behind must not make us signal someone else's process).
live_pid() {
    local f pid
    f=$(pid_file "$1")
    [[ -f $f ]] || return 1
    pid=$(<"$f")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$main_class --name node$1 --home $(home_of "$1") " || return 1
    echo "$pid"
}

# Is node K's process still there? Unlike live_pid, true from the fork on:
# until the JVM has exec'd, /proc/PID/cmdline still shows this script.
alive() {
    local f pid
    f=$(pid_file "$1")
    [[ -f $f ]] || return 1
    pid=$(<"$f")
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

launch() { # launch K N: node K of an N-node cluster, in the background
    local k=$1 n=$2 home seeds="" managers="" i java
    home=$(home_of "$k")
    for ((i = 1; i <= n; i++)); do
        seeds+="${seeds:+,}127.0.0.1:$(transport_port "$i")"
        managers+="${managers:+,}node$i"
    done
    mkdir -p "$home/logs" "$home/tmp"
    java=$(java_bin)
    # JVM flags as OpenSearch's own launcher sets them (SystemJvmOptions of
    # 2.19), less those that only matter under its security manager, which
    # the embedded node does not install.
    "$java" -Xms"$heap" -Xmx"$heap" -Xss1m \
        -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
        -XX:ErrorFile="$home/logs/hs_err_pid%p.log" \
        -Djava.io.tmpdir="$home/tmp" -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
        -Djna.nosys=true -Djava.locale.providers=SPI,COMPAT \
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
        -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.allocator.numDirectArenas=0 \
        -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
        -cp "$jar:$(<"$classpath_file")" "$main_class" \
        --name "node$k" --home "$home" \
        --http-port "$(http_port "$k")" --transport-port "$(transport_port "$k")" \
        --seeds "$seeds" --managers "$managers" \
        </dev/null >"$home/logs/stdout.log" 2>&1 &
    echo $! >"$(pid_file "$k")"
    say "node$k started (pid $!, http $(http_port "$k"), logs $home/logs/)"
}

# GET PATH from the first node that answers; fails when none does.
get() {
    local n k
    n=$(node_count)
    for ((k = 1; k <= n; k++)); do
        alive "$k" || continue
        # Any HTTP answer counts (health says 408 when its wait timed out).
        curl -s --max-time 15 "http://127.0.0.1:$(http_port "$k")$1" && return 0
    done
    return 1
}

tails() {
    local n k f
    n=$(node_count)
    for ((k = 1; k <= n; k++)); do
        for f in "$(home_of "$k")/logs/node.log" "$(home_of "$k")/logs/stdout.log"; do
            [[ -s $f ]] || continue
            echo "----- $f (last 30 lines)" >&2
            tail -n 30 "$f" >&2
        done
    done
}

# wait_for DESCRIPTION HEALTH-QUERY GREP-PATTERN...: polls _cluster/health
# until its answer matches every pattern, or the timeout passes.
wait_for() {
    local what=$1 query=$2 deadline health p ok
    shift 2
    deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if health=$(get "/_cluster/health?$query&timeout=5s"); then
            ok=1
            for p in "$@"; do grep -q -- "$p" <<<"$health" || ok=0; done
            if ((ok)); then return 0; fi
        else
            sleep 1
        fi
    done
    say "timed out after ${timeout}s waiting for $what; last health: ${health:-none}"
    return 1
}

wait_green() {
    local n=${1:-$(node_count)}
    wait_for "green with $n nodes" "wait_for_status=green&wait_for_nodes=$n" \
        '"status":"green"' "\"number_of_nodes\":$n,"
}

wait_nodes() {
    local n=$1
    wait_for "$n nodes" "wait_for_nodes=$n" "\"number_of_nodes\":$n,"
}

stop() {
    local f k pid pids=() deadline
    shopt -s nullglob
    for f in "$out"/node*.pid; do
        k=${f##*/node}
        k=${k%.pid}
        if pid=$(live_pid "$k"); then
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
        fi
    done
    deadline=$((SECONDS + 20))
    for pid in "${pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then
            say "pid $pid did not stop on SIGTERM in 20 s; SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    rm -f "$out"/node*.pid
    ((${#pids[@]} == 0)) || say "stopped ${#pids[@]} node(s)"
}

start() {
    local n=${1:-3} k started
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "start: N must be a positive number, not $n"
    need curl
    java_bin >/dev/null
    build
    stop # what an earlier run (say, a killed test) may have left
    for ((k = 1; k <= n; k++)); do
        if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$(http_port "$k")/"; then
            die "port $(http_port "$k") already answers HTTP: another cluster is running there (set ECON_CLUSTER_HTTP_PORT_BASE)"
        fi
    done
    mkdir -p "$out"
    rm -rf "$out"/node[0-9]*/
    echo "$n" >"$out/nodes"
    started=$SECONDS
    for ((k = 1; k <= n; k++)); do launch "$k" "$n"; done
    if ! wait_started "$n"; then
        tails
        stop
        exit 1
    fi
    # The health answer must come from our cluster, not another on our ports.
    get /_cluster/health | grep -q '"cluster_name":"econ-archive-test"' || {
        stop
        die "the cluster on port $(http_port 1) is not econ-archive-test"
    }
    say "green with $n nodes after $((SECONDS - started)) s"
    echo "http://127.0.0.1:$(http_port 1)"
}

# Like wait_green, but gives up at once when a node's process has died.
wait_started() {
    local n=$1 k health="" deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        for ((k = 1; k <= n; k++)); do
            alive "$k" || {
                say "node$k exited during startup"
                return 1
            }
        done
        if health=$(get "/_cluster/health?wait_for_status=green&wait_for_nodes=$n&timeout=3s") &&
            grep -q '"status":"green"' <<<"$health" && grep -q "\"number_of_nodes\":$n," <<<"$health"; then
            return 0
        fi
        sleep 1
    done
    say "timed out after ${timeout}s waiting for green with $n nodes; last health: ${health:-none}"
    return 1
}

start_node() {
    local k=$1 n pid
    n=$(node_count)
    [[ $k =~ ^[0-9]+$ ]] && ((k >= 1 && k <= n)) || die "start-node: K must be 1..$n"
    if pid=$(live_pid "$k"); then die "node$k is already running (pid $pid)"; fi
    [[ -d $(home_of "$k")/data ]] || die "node$k has no data dir to restart on"
    launch "$k" "$n"
    # Joined when node K itself sees all N nodes.
    local deadline=$((SECONDS + timeout)) health=""
    while ((SECONDS < deadline)); do
        alive "$k" || {
            tails
            die "node$k exited during startup"
        }
        if health=$(curl -sf --max-time 10 "http://127.0.0.1:$(http_port "$k")/_cluster/health?wait_for_nodes=$n&timeout=3s") &&
            grep -q "\"number_of_nodes\":$n," <<<"$health"; then
            say "node$k rejoined"
            return 0
        fi
        sleep 1
    done
    tails
    die "node$k did not rejoin within ${timeout}s"
}

kill_node() {
    local k=$1 pid
    if ! pid=$(live_pid "$k"); then die "node$k is not running"; fi
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$(pid_file "$k")"
    say "node$k (pid $pid) killed"
}

cmd=${1:-}
shift || true
case $cmd in
build) build ;;
start) start "$@" ;;
stop) stop ;;
kill-node) kill_node "${1:?kill-node K}" ;;
start-node) start_node "${1:?start-node K}" ;;
wait-green) wait_green "$@" ;;
wait-nodes) wait_nodes "${1:?wait-nodes N}" ;;
url) echo "http://127.0.0.1:$(http_port 1)" ;;
*) die "usage: cluster.sh build|start [N]|stop|kill-node K|start-node K|wait-green [N]|wait-nodes N|url" ;;
esac
