#!/usr/bin/env bash
# The test command (README): prepares a fresh clone — system packages when missing, npm ci when
# node_modules is missing — then runs every test with Node 24 (the `node` devDependency).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-machine.sh
if [ ! -x node_modules/.bin/jest ] || [ ! -x node_modules/.bin/node ]; then
  npm ci --no-audit --no-fund
fi
npm test -- "$@"
