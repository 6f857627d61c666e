#!/usr/bin/env bash
# Seeds each fuzz target from the fixtures and runs it: tests/fuzz/run.sh BUILD_DIR SECONDS
set -euo pipefail
build="$1"; seconds="${2:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fixtures="$root/tests/data/fixtures"
corpus="$build/fuzz-corpus"
mkdir -p "$corpus/pickle" "$corpus/signing" "$corpus/dumpdata"
if [ -z "$(ls -A "$corpus/pickle")" ]; then
    n=0
    for db in "$fixtures"/*.sqlite3; do
        sqlite3 "$db" "select args from django_q_task union select kwargs from django_q_task union select result from django_q_task" |
            while read -r line; do n=$((n+1)); echo "$line" | base64 -d > "$corpus/pickle/$(echo "$line" | sha1sum | cut -c1-16)" 2>/dev/null || true; done
        sqlite3 "$db" "select payload from django_q_ormq" |
            while read -r line; do printf '%s' "$line" > "$corpus/signing/$(echo "$line" | sha1sum | cut -c1-16)"; done
    done
    cp "$fixtures"/djq*.json "$corpus/dumpdata/"
    # Compressed and legacy-SHA-1 payloads (the fixtures have neither) and the pickle opcode vectors.
    python3 - "$root/tests/data" "$corpus" <<'PY' || true
import hashlib, json, sys
data, corpus = sys.argv[1], sys.argv[2]
def put(kind, blob):
    open(f"{corpus}/{kind}/{hashlib.sha1(blob).hexdigest()[:16]}", "wb").write(blob)
for case in json.load(open(f"{data}/signing/vectors.json"))["cases"]:
    put("signing", case["signed"].encode()); put("pickle", bytes.fromhex(case["pickle_hex"]))
for vector in json.load(open(f"{data}/pickle/python_vectors.json")):
    put("pickle", bytes.fromhex(vector["pickle"]))
PY
fi
mkdir -p "$corpus/py_literal"
if [ -z "$(ls -A "$corpus/py_literal")" ]; then
    # Schedule args and kwargs texts, and a few literals of every kind.
    for db in "$fixtures"/*.sqlite3; do
        sqlite3 "$db" "select args from django_q_schedule where args is not null union select kwargs from django_q_schedule where kwargs is not null" |
            while read -r line; do printf '%s' "$line" > "$corpus/py_literal/$(echo "$line" | sha1sum | cut -c1-16)"; done
    done
    for text in "(1, -2.5e-3, 0x_ff, 1_000, 1+2j, None, True)" "{'a': [b'\\x00', r'\\d'], 'b': {1, 2}, 'c': ()}" \
                "'''tri"$'\n'"ple''' 'é\\u00e9\\U0001F600'" "x=1, y='a'" "set()"; do
        printf '%s' "$text" > "$corpus/py_literal/$(printf '%s' "$text" | sha1sum | cut -c1-16)"
    done
fi
mkdir -p "$corpus/changeset" "$corpus/dumpdata_depth"
if [ -z "$(ls -A "$corpus/changeset")" ]; then
    cp "$root"/tests/data/changesets/*.json "$corpus/changeset/"
    printf '\x40\x00null' > "$corpus/dumpdata_depth/depth-64"
    printf '\x00\x01"x"' > "$corpus/dumpdata_depth/depth-256"
fi
for target in pickle signing dumpdata py_literal changeset dumpdata_depth; do
    echo "== fuzz_$target for $seconds s"
    "$build/fuzz_$target" "$corpus/$target" -max_total_time="$seconds" -max_len=200000 -print_final_stats=1 2>&1 |
        grep -E "stat::number_of_executed_units|Done|ERROR|SUMMARY|crash-" || true
done
