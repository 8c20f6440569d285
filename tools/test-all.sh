#!/usr/bin/env bash
# The whole test suite, with its own set-up: npm dependencies, the tools the checks use, and the
# real local infrastructure (Kafka, FerretDB on PostgreSQL, Redis). Ends with `N passed, N failed`.
#   lint → type-check → unit (+ domain coverage) → build → integration → e2e
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out=reports-out
rm -rf "$out" && mkdir -p "$out"
passed=0
failed=0
failures=()

step() { printf '\n=== %s ===\n' "$*"; }

# A check that is not a jest suite counts as one test.
check() {
  local name="$1"; shift
  step "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

# A jest tier counts its tests from jest's JSON report; a tier that could not run counts as failed.
tier() {
  local name="$1" config="$2"; shift 2
  step "$name tests"
  npx jest -c "$config" --json --outputFile="$out/$name.json" "$@"
  local code=$?
  if [[ -f "$out/$name.json" ]]; then
    read -r p f < <(node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$PWD/$out/$name.json")
    passed=$((passed + p)); failed=$((failed + f))
    ((code == 0 && f == 0)) || failures+=("$name tests")
    if ((code != 0 && f == 0)); then failed=$((failed + 1)); fi
  else
    failed=$((failed + 1)); failures+=("$name tests (did not run)")
  fi
}

ensure_tools() {
  local missing=()
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v kubectl >/dev/null || missing+=(kubernetes-client)
  # The dashboard's end-to-end tests drive Debian's Chromium (Playwright's own download does not work here).
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  ((${#missing[@]} == 0)) && return
  if [[ $(id -u) -ne 0 ]]; then echo "missing: ${missing[*]} (apt-get install ${missing[*]})" >&2; return 1; fi
  echo "[test] installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
}

started=$SECONDS
step "set-up"
bash tools/bootstrap.sh || { echo "0 passed, 1 failed"; exit 1; }
ensure_tools || { echo "0 passed, 1 failed"; exit 1; }
if ! bash tools/infra/infra.sh up; then echo "0 passed, 1 failed"; exit 1; fi
set -a
# shellcheck disable=SC1090
source <(bash tools/infra/infra.sh env)
set +a
export KAFKAJS_NO_PARTITIONER_WARNING=1

check "lint" npx nx run-many -t lint --outputStyle=static --skip-nx-cache
check "type-check" npx tsc -p tsconfig.json --noEmit
tier unit jest.unit.config.js --coverage --coverageReporters=text-summary
check "build" node tools/build.mjs
# --forceExit: a client library's lingering socket must not hang CI after the tests have run.
tier integration jest.integration.config.js --forceExit
tier e2e jest.e2e.config.js --forceExit
# The benchmark at tiny sizes, correctness only (every value folded exactly once; a rebuild changes no
# total); starts the services on 3100–3104 if they are not up and stops those it started.
check "bench smoke" node tools/bench/bench.mjs --size=small

if [[ "${CI:-}" == "true" ]]; then bash tools/infra/infra.sh down >/dev/null 2>&1 || true; fi

printf '\n=== summary (%ss) ===\n' "$((SECONDS - started))"
((${#failures[@]} == 0)) || printf 'failed: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
((failed == 0))
