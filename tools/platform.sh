#!/usr/bin/env bash
# Starts the whole platform on this machine: infrastructure, the four services and the dashboard, demo data.
#   platform.sh up      start (foreground; Ctrl-C stops the services, the infrastructure stays up)
#   platform.sh down    stop the services and the infrastructure
#   platform.sh stop    stop the services only
# DTP_DETACH=1 platform.sh up   return once everything is up (services keep running).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

: "${DTP_INFRA_HOME:=${TMPDIR:-/tmp}/dtp-infra-$(id -u)}"
export DTP_INFRA_HOME
logs="$DTP_INFRA_HOME/logs"
run="$DTP_INFRA_HOME/run"
SERVICES=(reports:3101 indicators:3102 notifications:3103 exports:3104 dashboard:3100)

stop_services() {
  for spec in "${SERVICES[@]}"; do
    local name=${spec%%:*} pidfile="$run/service-${spec%%:*}.pid"
    [[ -f $pidfile ]] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.5; done
    rm -f "$pidfile"
    echo "[platform] stopped $name"
  done
}

# The reports service's secrets for this machine: made once, kept with the infrastructure's data,
# readable by this user only, never in the repository.
secrets="$DTP_INFRA_HOME/reports-secrets.env"
: "${DTP_PROVINCE:=20}"

ensure_secrets() {
  mkdir -p "$DTP_INFRA_HOME"
  if [[ ! -f $secrets ]]; then
    (umask 077 && printf 'JWT_SECRET=%s\nADMIN_PASSWORD=%s\n' "$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" >"$secrets")
  fi
  # shellcheck disable=SC1090
  source "$secrets"
}

start_services() {
  mkdir -p "$logs" "$run"
  ensure_secrets
  set -a
  # shellcheck disable=SC1090
  source <(bash tools/infra/infra.sh env)
  set +a
  for spec in "${SERVICES[@]}"; do
    local name=${spec%%:*} port=${spec##*:} pidfile="$run/service-${spec%%:*}.pid"
    if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then continue; fi
    local extra=()
    [[ $name == reports ]] && extra=("ADMIN_PASSWORD=$ADMIN_PASSWORD" "ADMIN_PROVINCE_CODE=$DTP_PROVINCE" "INDICATORS_URL=http://127.0.0.1:3102")
    [[ $name == notifications ]] && extra=("INDICATORS_URL=http://127.0.0.1:3102")
    # Exported files are kept with the infrastructure's data, outside the repository.
    [[ $name == exports ]] && extra=("INDICATORS_URL=http://127.0.0.1:3102" "EXPORTS_DIR=$DTP_INFRA_HOME/exports")
    # One secret signs officials' tokens (reports) and verifies them (every service that checks them).
    extra+=("JWT_SECRET=$JWT_SECRET")
    env "${extra[@]}" PORT="$port" KAFKAJS_NO_PARTITIONER_WARNING=1 nohup node "dist/apps/$name/src/main.js" >"$logs/$name.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
  done
  for spec in "${SERVICES[@]}"; do
    local name=${spec%%:*} port=${spec##*:}
    for i in $(seq 1 120); do
      curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
      if ((i == 120)); then tail -n 30 "$logs/$name.log" >&2; echo "[platform] FAILED: $name did not become ready (log: $logs/$name.log)" >&2; exit 1; fi
      sleep 0.5
    done
  done
}

case "${1:-up}" in
  up)
    bash tools/bootstrap.sh
    bash tools/infra/infra.sh up
    node tools/build.mjs
    start_services
    DEMO_ADMIN_PASSWORD="$ADMIN_PASSWORD" node tools/demo/load-demo-data.mjs
    cat <<TXT

The platform is up (logs in $logs):
  Dashboard          http://127.0.0.1:3100  (sign in as 'admin')
  Reports API        http://127.0.0.1:3101/docs
  Indicators API     http://127.0.0.1:3102/docs
  Notifications API  http://127.0.0.1:3103/docs
  Exports API        http://127.0.0.1:3104/docs
  Provincial value   http://127.0.0.1:3102/api/v1/aggregates/20/DEMO_DOSSIERS_DIGITIZED/2023
  Scorecard          http://127.0.0.1:3102/api/v1/scorecards/20/DEMO-49/20/2024
  District ranking   http://127.0.0.1:3102/api/v1/rankings/20/DEMO_DOSSIERS_DIGITIZED/2024
Sign in to the Reports API as 'admin' (administrator and reviewer of province $DTP_PROVINCE);
the password is in $secrets.
Stop: Ctrl-C here (services), then 'bash tools/platform.sh down' for the infrastructure too.
TXT
    if [[ "${DTP_DETACH:-0}" == 1 ]]; then exit 0; fi
    trap 'stop_services; exit 0' INT TERM
    while true; do sleep 3600 & wait $!; done
    ;;
  down)
    stop_services
    bash tools/infra/infra.sh down
    ;;
  stop)
    # The services only: the infrastructure (and whoever else uses it) keeps running.
    stop_services
    ;;
  *) echo "usage: $0 up|down|stop" >&2; exit 2 ;;
esac
