#!/usr/bin/env bash
# Sets up, builds and serves the web app on 127.0.0.1 with the built-in demo database.
#   scripts/run.sh [--port N]      (default 8765)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
port=8765
[ "${1:-}" = "--port" ] && port="$2"

scripts/setup.sh --web
cmake --preset web >/dev/null
cmake --build --preset web --target djq_web
exec node web/serve.js build-web --port "$port"
