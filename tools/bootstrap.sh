#!/usr/bin/env bash
# Installs the workspace's npm dependencies when they are missing or older than the lockfile.
# npm's own cache (~/.npm) makes a reinstall on a warm machine fast.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v node >/dev/null || { echo "Node.js 20 is required (https://nodejs.org or apt-get install nodejs)" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
((major >= 20)) || { echo "Node.js 20 or newer is required; found $(node -v)" >&2; exit 1; }

# `npm install --no-save` rather than `npm ci`: it installs the lockfile's versions all the same,
# but tolerates what `npm ci` refuses here: optional per-platform binaries (@swc/core-darwin-*,
# …) absent from the lockfile because the registry this machine reaches does not serve every
# platform's build of the pinned version.
stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
  echo "[bootstrap] npm install (lockfile versions)"
  npm install --no-save --no-audit --no-fund --loglevel=error
fi
