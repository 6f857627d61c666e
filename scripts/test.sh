#!/usr/bin/env bash
# Sets up, builds and runs every test:
#   1. native (ASan + UBSan): Catch2 unit tests, the ImGui null-backend smoke test, the djq CLI
#   2. web (Emscripten): the same unit and smoke tests compiled to wasm, run under node
#   3. end to end: the real web build in Debian's Chromium, driven by playwright-core
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
jobs=$(nproc 2>/dev/null || echo 2)

step() { printf '\n==== %s ====\n' "$*"; }

step "setup"
scripts/setup.sh

step "native build (native-debug: ASan + UBSan)"
cmake --preset native-debug >/dev/null
cmake --build --preset native-debug -j "$jobs"
step "native tests"
ctest --preset native-debug -j "$jobs"

step "web build"
cmake --preset web >/dev/null
cmake --build --preset web -j "$jobs"
cmake --build --preset web --target dist  # dist/djq-admin.html and dist/site/, which the e2e tests open
step "web unit tests (wasm under node)"
ctest --preset web

step "end-to-end tests (Chromium)"
(cd tests/e2e && node --test --test-concurrency=1)
