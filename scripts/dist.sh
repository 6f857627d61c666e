#!/usr/bin/env bash
# Sets up and builds the release files of the web app:
#   dist/djq-admin.html  one file that works opened from disk, offline
#   dist/site/           a static site (with a service worker: offline after the first visit)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/setup.sh --web
cmake --preset web >/dev/null
cmake --build --preset web --target dist
