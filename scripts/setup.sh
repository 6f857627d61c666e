#!/usr/bin/env bash
# Installs everything djq-admin builds and tests with, from Debian's packages and the npm registry only.
# Safe to run twice: each step checks what is already there. Downloads land in .deps/ (git-ignored);
# CMake unpacks them into the build folder.
#   scripts/setup.sh            everything (build + tests)
#   scripts/setup.sh --web      only what the web app needs (no browser, no test tools)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="$ROOT/.deps"
IMGUI_VERSION="1.90.1"          # Debian trixie's source package
BETTER_SQLITE3_VERSION="12.11.1" # carries the SQLite 3.53.2 amalgamation
HUMANHASH_VERSION="1.0.4"       # the same 256 words as Python humanhash, which django_q/humanhash.py vendors
SQLJS_VERSION="1.16.0"          # tests/bench/compare.py: the same SQL through sql.js (SQLite in wasm) in node
mode="${1:-all}"

log() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ---- Debian packages -------------------------------------------------------------------------------
packages=(cmake ninja-build g++ pkg-config git ca-certificates xz-utils dpkg-dev
          emscripten nodejs npm
          catch2 nlohmann-json3-dev zlib1g-dev libglfw3-dev libgl-dev
          fonts-dejavu-core fonts-droid-fallback fonts-symbola fonttools tzdata python3 sqlite3)
if [ "$mode" != "--web" ]; then
    packages+=(chromium xvfb xauth libgl1-mesa-dri libglx-mesa0 imagemagick clang-14 libclang-rt-14-dev)
    # tests/bench/compare.py times Django's own admin queries (Django 3.2, as the fixtures were made
    # with; picklefield is what django_q's Task model decodes args, kwargs and result with).
    packages+=(python3-django python3-django-picklefield)
    # tests/conformance: the real django-q 1.3.9 takes what djq apply wrote (issue 14). croniter is
    # only its Suggests, but a server with cron schedules has it: without it the scheduler's whole
    # pass fails on the fixture's due cron schedules and runs nothing.
    packages+=(python3-django-q python3-croniter)
fi
missing=()
for p in "${packages[@]}"; do
    # nodejs/npm may come from elsewhere on a developer machine: a working `node`/`npm` is enough.
    case "$p" in nodejs) command -v node >/dev/null && continue;; npm) command -v npm >/dev/null && continue;; esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    log "Debian packages: all present"
fi

# ---- Source packages, through a project-local apt setup that leaves the machine's own untouched ----
# The mirror is whatever this machine's apt already uses; no host name is written anywhere.
debian_mirror() {
    local uri
    uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1 || true)
    [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
                           | awk '{for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' | grep -v security | head -n1 || true)
    [ -n "$uri" ] || { echo "setup: no Debian mirror found in /etc/apt" >&2; exit 1; }
    echo "$uri"
}
fetch_source() {  # fetch_source PACKAGE SUITE FILE-GLOB
    local package=$1 suite=$2 glob=$3
    if compgen -G "$DEPS/src/$glob" >/dev/null; then log "$package source: present"; return; fi
    local apt_dir="$DEPS/apt"
    mkdir -p "$apt_dir/lists/partial" "$DEPS/src"
    if [ ! -f "$apt_dir/sources.list" ]; then
        local mirror; mirror=$(debian_mirror)
        printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' \
            "$mirror" trixie "$mirror" bookworm > "$apt_dir/sources.list"
        rm -f "$apt_dir/lists/"*Sources* 2>/dev/null || true
    fi
    local opts=(-o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o Dir::Etc::sourceparts=/dev/null
                -o "Dir::State::Lists=$apt_dir/lists" -o APT::Sandbox::User=root)
    compgen -G "$apt_dir/lists/*Sources*" >/dev/null || apt-get "${opts[@]}" update -qq
    log "fetching Debian source package $package/$suite"
    (cd "$DEPS/src" && apt-get "${opts[@]}" source --download-only -qq "$package/$suite")
}
fetch_source imgui trixie "imgui_${IMGUI_VERSION}+ds.orig.tar.*"
fetch_source zlib bookworm "zlib_*.orig.tar.*"

# ---- npm -------------------------------------------------------------------------------------------
if [ ! -f "$DEPS/npm/better-sqlite3-$BETTER_SQLITE3_VERSION.tgz" ]; then
    log "fetching the SQLite amalgamation (npm better-sqlite3@$BETTER_SQLITE3_VERSION)"
    mkdir -p "$DEPS/npm"
    (cd "$DEPS/npm" && npm pack --silent "better-sqlite3@$BETTER_SQLITE3_VERSION" >/dev/null)
fi
if [ ! -f "$DEPS/npm/humanhash-$HUMANHASH_VERSION.tgz" ]; then
    log "fetching the humanhash word list Django Q names tasks with (npm humanhash@$HUMANHASH_VERSION)"
    (cd "$DEPS/npm" && npm pack --silent "humanhash@$HUMANHASH_VERSION" >/dev/null)
fi
if [ "$mode" != "--web" ]; then
    if [ ! -f "$DEPS/npm/sql.js-$SQLJS_VERSION.tgz" ]; then
        log "fetching sql.js for the benchmark comparison (npm sql.js@$SQLJS_VERSION)"
        (cd "$DEPS/npm" && npm pack --silent "sql.js@$SQLJS_VERSION" >/dev/null)
    fi
    if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ]; then
        log "installing the e2e test tools (npm, tests/e2e/package-lock.json)"
        (cd "$ROOT/tests/e2e" && npm ci --silent --no-audit --no-fund)
    else
        log "e2e test tools: present"
    fi
fi
log "done"
