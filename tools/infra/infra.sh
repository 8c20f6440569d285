#!/usr/bin/env bash
# Local infrastructure without Docker: Apache Kafka (KRaft, from Maven Central's jars),
# FerretDB (MongoDB wire protocol, built from the Go module proxy) on Debian's PostgreSQL,
# and Debian's Redis. Everything listens on 127.0.0.1 only.
#
#   infra.sh install   fetch and build what is missing (cached, keyed by version)
#   infra.sh up        install, then start whatever is not running; wait until each part answers
#   infra.sh status    say where each part listens and whether it answers
#   infra.sh down      stop what `up` started
#   infra.sh env       print the environment variables the services and tests use
#
# Downloads and builds live in $DTP_CACHE (default ~/.cache/dtp-platform) so a fresh clone on a
# warm machine pays nothing twice; run-time state (data, logs, pids) lives in $DTP_INFRA_HOME.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

: "${DTP_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/dtp-platform}"
: "${DTP_INFRA_HOME:=${TMPDIR:-/tmp}/dtp-infra-$(id -u)}"
: "${DTP_KAFKA_PORT:=19092}"
: "${DTP_KAFKA_CONTROLLER_PORT:=19093}"
: "${DTP_MONGO_PORT:=27117}"
: "${DTP_POSTGRES_PORT:=15432}"
: "${DTP_REDIS_PORT:=16379}"
: "${DTP_FERRETDB_DEBUG_PORT:=18088}"
: "${DTP_INFRA_TIMEOUT:=90}"

kafka_libs="$DTP_CACHE/kafka-$SCALA_VERSION-$KAFKA_VERSION/libs"
# The build applies tools/infra/ferretdb-id-equality.patch (docs/adr/0002, finding 5): the cache key
# names the patch level, so a machine with an unpatched build builds again once.
ferretdb_patch="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ferretdb-id-equality.patch"
ferretdb_bin="$DTP_CACHE/ferretdb-$FERRETDB_VERSION-idx1/ferretdb"
logs="$DTP_INFRA_HOME/logs"
run="$DTP_INFRA_HOME/run"

say() { printf '[infra] %s\n' "$*"; }
fail() { printf '[infra] FAILED: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # name, probe command..., log file is named in the message
  local name="$1" log="$2"; shift 2
  local deadline=$((SECONDS + DTP_INFRA_TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      [[ -f "$log" ]] && tail -n 30 "$log" >&2
      fail "$name did not come up within ${DTP_INFRA_TIMEOUT}s (log: $log)"
    fi
    sleep 0.5
  done
}

pid_alive() { [[ -f "$run/$1.pid" ]] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }

# PostgreSQL refuses to run as root; on CI and in containers we are root, so the server runs as
# the `postgres` system user that Debian's package creates.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/$1" ]] && { echo "$dir/$1"; return; }
  done
  command -v "$1" || fail "PostgreSQL's $1 not found (apt-get install postgresql)"
}

apt_install() {
  [[ $(id -u) -eq 0 ]] || fail "missing Debian packages: $* (run: sudo apt-get install -y $*)"
  say "installing Debian packages: $*"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >"$DTP_CACHE/apt.log" 2>&1; then
    apt-get update -qq >>"$DTP_CACHE/apt.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>"$DTP_CACHE/apt.log" 2>&1 \
      || fail "apt-get install $* failed (log: $DTP_CACHE/apt.log)"
  fi
}

install_system_packages() {
  local missing=()
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v mvn >/dev/null || missing+=(maven)
  command -v redis-server >/dev/null || missing+=(redis-server)
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  # Exports embed Liberation Serif (Times New Roman's metrics, every Vietnamese letter) in PDFs;
  # the tests read PDFs back with poppler's pdftotext, pdffonts and pdfinfo.
  [[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ]] || missing+=(fonts-liberation2)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
  command -v go >/dev/null || fail "Go toolchain not found: needed once to build FerretDB"
}

install_kafka() {
  [[ -f "$kafka_libs/kafka_$SCALA_VERSION-$KAFKA_VERSION.jar" ]] && return
  say "resolving Apache Kafka $KAFKA_VERSION jars from Maven Central"
  local tmp="$kafka_libs.tmp"
  rm -rf "$tmp"
  mvn -q -B -f "$here/kafka-runtime.pom.xml" dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -Dscala.version="$SCALA_VERSION" -Dslf4j.version="$SLF4J_VERSION" \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$DTP_CACHE/kafka-maven.log" 2>&1 \
    || fail "Kafka: Maven could not resolve kafka_$SCALA_VERSION:$KAFKA_VERSION (log: $DTP_CACHE/kafka-maven.log)"
  mv "$tmp" "$kafka_libs"
}

install_ferretdb() {
  [[ -x "$ferretdb_bin" ]] && return
  say "building FerretDB $FERRETDB_VERSION from the Go module proxy (about a minute, once)"
  local work="$DTP_CACHE/ferretdb-$FERRETDB_VERSION.build" modfile
  rm -rf "$work" && mkdir -p "$work"
  (cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" >download.json 2>&1) \
    || fail "FerretDB: go mod download failed ($work/download.json)"
  modfile=$(sed -n 's/.*"Dir": "\(.*\)",*/\1/p' "$work/download.json")
  [[ -d "$modfile" ]] || fail "FerretDB: module directory not found ($work/download.json)"
  cp -r "$modfile" "$work/src" && chmod -R u+w "$work/src"
  # The module ships without build/version/version.txt (it is generated from git); without it
  # the binary panics at start, so write the version we pinned.
  echo "$FERRETDB_VERSION" >"$work/src/build/version/version.txt"
  (cd "$work/src" && git apply -p1 "$ferretdb_patch") || fail "FerretDB: $ferretdb_patch does not apply"
  (cd "$work/src" && go build -trimpath -o "$work/ferretdb" ./cmd/ferretdb) >"$work/build.log" 2>&1 \
    || fail "FerretDB: go build failed ($work/build.log)"
  mkdir -p "$(dirname "$ferretdb_bin")"
  mv "$work/ferretdb" "$ferretdb_bin"
  rm -rf "$work"
}

cmd_install() {
  mkdir -p "$DTP_CACHE"
  install_system_packages
  install_kafka
  install_ferretdb
}

start_postgres() {
  local data="$DTP_INFRA_HOME/postgres" log="$logs/postgres.log"
  if port_open "$DTP_POSTGRES_PORT"; then return; fi
  if [[ ! -f "$data/PG_VERSION" ]]; then
    mkdir -p "$data"
    [[ $(id -u) -eq 0 ]] && chown postgres "$data" "$DTP_INFRA_HOME"
    as_pg "$(pg_bin initdb)" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$logs/postgres-initdb.log" 2>&1 \
      || fail "PostgreSQL initdb failed (log: $logs/postgres-initdb.log)"
  fi
  touch "$log" && { [[ $(id -u) -ne 0 ]] || chown postgres "$log"; }
  as_pg "$(pg_bin pg_ctl)" -D "$data" -l "$log" -w -t "$DTP_INFRA_TIMEOUT" start \
    -o "-c listen_addresses=127.0.0.1 -p $DTP_POSTGRES_PORT -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    >/dev/null || { tail -n 20 "$log" >&2; fail "PostgreSQL did not start (log: $log)"; }
  wait_for PostgreSQL "$log" "$(pg_bin pg_isready)" -h 127.0.0.1 -p "$DTP_POSTGRES_PORT"
  if ! "$(pg_bin psql)" -h 127.0.0.1 -p "$DTP_POSTGRES_PORT" -U postgres -tAc "select 1 from pg_database where datname='ferretdb'" | grep -q 1; then
    "$(pg_bin createdb)" -h 127.0.0.1 -p "$DTP_POSTGRES_PORT" -U postgres ferretdb || fail "PostgreSQL: could not create database ferretdb"
  fi
}

start_ferretdb() {
  local log="$logs/ferretdb.log"
  if pid_alive ferretdb && port_open "$DTP_MONGO_PORT"; then return; fi
  port_open "$DTP_MONGO_PORT" && fail "FerretDB: port $DTP_MONGO_PORT is taken by another process"
  mkdir -p "$DTP_INFRA_HOME/ferretdb"
  # pool_max_conns above FerretDB's default of 50: with every pooled connection held by a request
  # that waits for the metadata registry while a collection is being created (which needs one more
  # connection), FerretDB 1.24 deadlocks (docs/adr/0002, finding 4).
  nohup "$ferretdb_bin" --handler=postgresql \
    --postgresql-url="postgres://postgres@127.0.0.1:$DTP_POSTGRES_PORT/ferretdb?pool_max_conns=300" \
    --listen-addr="127.0.0.1:$DTP_MONGO_PORT" --debug-addr="127.0.0.1:$DTP_FERRETDB_DEBUG_PORT" \
    --state-dir="$DTP_INFRA_HOME/ferretdb" --telemetry=disable --log-level=warn \
    >"$log" 2>&1 &
  echo $! >"$run/ferretdb.pid"
  wait_for FerretDB "$log" port_open "$DTP_MONGO_PORT"
}

# Append-only file: queued reminders and exports survive a restart of Redis (at most a second lost).
start_redis() {
  local log="$logs/redis.log"
  if port_open "$DTP_REDIS_PORT"; then return; fi
  mkdir -p "$DTP_INFRA_HOME/redis"
  redis-server --bind 127.0.0.1 --port "$DTP_REDIS_PORT" --dir "$DTP_INFRA_HOME/redis" \
    --daemonize yes --pidfile "$run/redis.pid" --logfile "$log" --save "" --appendonly yes --appendfsync everysec \
    || fail "Redis did not start (log: $log)"
  wait_for Redis "$log" redis-cli -p "$DTP_REDIS_PORT" ping
}

start_kafka() {
  local data="$DTP_INFRA_HOME/kafka" log="$logs/kafka.log" props="$DTP_INFRA_HOME/kafka.properties"
  if pid_alive kafka && port_open "$DTP_KAFKA_PORT"; then return; fi
  port_open "$DTP_KAFKA_PORT" && fail "Kafka: port $DTP_KAFKA_PORT is taken by another process"
  cat >"$props" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$DTP_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$DTP_KAFKA_PORT,CONTROLLER://127.0.0.1:$DTP_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$DTP_KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
EOF
  local java_opts=(-Xms256m -Xmx768m -XX:+UseG1GC "-Dlog4j.configuration=file:$here/kafka-log4j.properties")
  if [[ ! -f "$data/meta.properties" ]]; then
    local cluster_id
    cluster_id=$(java -cp "$kafka_libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    java "${java_opts[@]}" -cp "$kafka_libs/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" \
      >"$logs/kafka-format.log" 2>&1 || fail "Kafka: storage format failed (log: $logs/kafka-format.log)"
  fi
  nohup java "${java_opts[@]}" -cp "$kafka_libs/*" kafka.Kafka "$props" >"$log" 2>&1 &
  echo $! >"$run/kafka.pid"
  wait_for Kafka "$log" grep -q "Kafka Server started" "$log"
  wait_for Kafka "$log" port_open "$DTP_KAFKA_PORT"
}

cmd_env() {
  cat <<EOF
KAFKA_BROKERS=127.0.0.1:$DTP_KAFKA_PORT
MONGO_URL=mongodb://127.0.0.1:$DTP_MONGO_PORT
REDIS_URL=redis://127.0.0.1:$DTP_REDIS_PORT
EOF
}

cmd_status() {
  local part port log ok=0
  for part in "Kafka:$DTP_KAFKA_PORT:kafka" "FerretDB:$DTP_MONGO_PORT:ferretdb" "PostgreSQL:$DTP_POSTGRES_PORT:postgres" "Redis:$DTP_REDIS_PORT:redis"; do
    IFS=: read -r name port log <<<"$part"
    if port_open "$port"; then
      say "$(printf '%-10s up    127.0.0.1:%-6s log %s' "$name" "$port" "$logs/$log.log")"
    else
      say "$(printf '%-10s DOWN  127.0.0.1:%-6s log %s' "$name" "$port" "$logs/$log.log")"; ok=1
    fi
  done
  return $ok
}

cmd_up() {
  cmd_install
  mkdir -p "$logs" "$run"
  start_postgres
  start_ferretdb
  start_redis
  start_kafka
  cmd_status
}

stop_pid() {
  local name="$1"
  pid_alive "$name" || return 0
  local pid; pid=$(cat "$run/$name.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$run/$name.pid"
}

cmd_down() {
  stop_pid kafka
  stop_pid ferretdb
  [[ -f "$run/redis.pid" ]] && { redis-cli -p "$DTP_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || stop_pid redis; }
  if [[ -f "$DTP_INFRA_HOME/postgres/postmaster.pid" ]]; then
    as_pg "$(pg_bin pg_ctl)" -D "$DTP_INFRA_HOME/postgres" -m fast stop >/dev/null 2>&1 || true
  fi
  say "stopped"
}

case "${1:-}" in
  install) cmd_install ;;
  up) cmd_up ;;
  status) cmd_status ;;
  down) cmd_down ;;
  env) cmd_env ;;
  *) echo "usage: $0 install|up|status|down|env" >&2; exit 2 ;;
esac
