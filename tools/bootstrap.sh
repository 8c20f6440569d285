#!/usr/bin/env bash
# Installs the workspace's npm dependencies when they are missing or older than the lockfile.
# npm's own cache (~/.npm) makes a reinstall on a warm machine fast.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v node >/dev/null || { echo "Node.js 20 is required (https://nodejs.org or apt-get install nodejs)" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
((major >= 20)) || { echo "Node.js 20 or newer is required; found $(node -v)" >&2; exit 1; }

# `npm ci`: exactly the lockfile (it refuses a lockfile out of step with package.json), into a
# clean node_modules; run only when the installed tree is missing or older than the lockfile.
stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
  echo "[bootstrap] npm ci (lockfile versions)"
  npm ci --no-audit --no-fund --loglevel=error
fi
