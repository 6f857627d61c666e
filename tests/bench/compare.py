#!/usr/bin/env python3
"""djq's Successful-list queries beside Django's admin (its ORM) and sql.js, on one 1M-task export.

    python3 tests/bench/compare.py [--db /tmp/djq-bench-1m.sqlite3] [--reps 15] [--no-wasm] [--no-build]
                                   [--no-browser] [--import-json /tmp/djq-bench-300k.json]

Builds build-native's djq and djq_bench (release, -j2) and a web build of djq_bench (emscripten,
run under node) in build-bench-web/, makes the demo export once (reused when present), unpacks
.deps/npm/sql.js-*.tgz into build-native/_deps, then runs one after the other:
  djq native   build-native/djq_bench --only admin-compare   (QueryTasks + CountTasks, in memory)
  djq wasm     the same program built with emscripten, under node
  frames       build-native/djq_frame_bench and its web build under node: the app's frames on the export
  sql.js       tests/bench/sqljs_bench.js: the exact SQL djq ran, through sql.js, in memory
  Django ORM   tests/bench/django_admin_bench.py: the admin changelist's queryset, on the file
  Chromium     tests/bench/browser_bench.js: the web app (build-web) on the export: open, memory,
               an edit and the first value search (--no-browser leaves it out)
  import       djq_bench --only import and browser_bench.js --import on a 300k-task loaddata fixture
               (--import-json, made once with djq demo + djq export --fixture), and djq_bench --only
               lists for value search in the app's steps, at 300k tasks
and prints one table (p50 / p95 ms of page 1 of 100 + its count). Raw JSON lines are kept in
build-native/bench-admin-compare.jsonl. Needs scripts/setup.sh (python3-django, the sql.js tarball).
"""
import argparse
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BENCH = os.path.join(ROOT, "tests", "bench")
NATIVE = os.path.join(ROOT, "build-native")
DJANGO_PYTHON = "/usr/bin/python3"  # Debian's, which python3-django installs into


def log(message):
    print(f"[compare] {message}", file=sys.stderr, flush=True)


def sh(command, **kwargs):
    log("$ " + " ".join(shlex.quote(c) for c in command))
    subprocess.run(command, check=True, **kwargs)


def json_lines(command, env=None):
    """Runs a benchmark, passing its stderr through, and returns its JSON lines."""
    log("$ " + " ".join(shlex.quote(c) for c in command))
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True, env=env)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def build_native():
    sh(["cmake", "--preset", "native-release"], cwd=ROOT, stdout=subprocess.DEVNULL)
    sh(["cmake", "--build", "--preset", "native-release", "--target", "djq", "djq_bench", "djq_frame_bench", "-j2"], cwd=ROOT)


def compile_flags(build_dir, source_suffix):
    """The compiler and flags CMake used for one source of the web build (minus -o and -c)."""
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        commands = json.load(f)
    command = next(c for c in commands if c["file"].endswith(source_suffix))
    flags = shlex.split(command["command"])
    compiler, flags = flags[0], flags[1:]
    for option in ("-o", "-c"):
        i = flags.index(option)
        del flags[i:i + 2]
    return compiler, flags


def compile_objects(build_dir, compiler, flags, sources):
    fixtures = os.path.join(ROOT, "tests", "data", "fixtures")
    obj_dir = os.path.join(build_dir, "bench-obj")
    os.makedirs(obj_dir, exist_ok=True)
    # An object is stale when its source or any header it may include changed (a class's layout
    # differing between the bench and the library it links is memory corruption, not an error).
    headers = [h for pattern in ("src/**/*.h", "tests/bench/*.h", "tests/ui/*.h") for h in glob.glob(os.path.join(ROOT, pattern), recursive=True)]
    newest_header = max(os.path.getmtime(h) for h in headers)
    objects = []
    for source in sources:
        obj = os.path.join(obj_dir, os.path.basename(source) + ".o")
        src = os.path.join(BENCH, source)
        if not os.path.exists(obj) or os.path.getmtime(obj) < max(os.path.getmtime(src), newest_header):
            sh([compiler, *flags, f'-DDJQ_FIXTURES_DIR="{fixtures}"', "-I", os.path.join(ROOT, "tests", "ui"), "-o", obj, "-c", src],
               cwd=build_dir)
        objects.append(obj)
    return objects


def link_for_node(build_dir, compiler, objects, lib_names, out_name):
    libs = [glob.glob(os.path.join(build_dir, "**", name), recursive=True)[0] for name in lib_names]
    out = os.path.join(build_dir, out_name)
    # emcc's -O2 link runs acorn from Debian's node-acorn (cmake/toolchain_quirks.cmake).
    env = dict(os.environ, NODE_PATH=os.environ.get("NODE_PATH", "/usr/share/nodejs"))
    sh([compiler, "-O2", *objects, *libs, "-o", out, "-sNODERAWFS=1", "-sALLOW_MEMORY_GROWTH=1",
        "-sMAXIMUM_MEMORY=4GB", "-sWASM_ASYNC_COMPILATION=0", "-sENVIRONMENT=node"], env=env)
    return out


def build_wasm(build_dir):
    """djq_bench and djq_frame_bench for the web toolchain: the core and UI libraries as the web app
    builds them (the top-level project; it leaves tests/bench out of web builds), then the bench
    sources compiled with those libraries' own flags (from compile_commands.json) and linked for
    node. Returns the two programs' paths."""
    sh(["cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja",
        "-DCMAKE_TOOLCHAIN_FILE=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake",
        "-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node", "-DCMAKE_BUILD_TYPE=Release",
        "-DDJQ_BUILD_APP=ON", "-DDJQ_BUILD_TESTS=OFF"], stdout=subprocess.DEVNULL)
    sh(["cmake", "--build", build_dir, "--target", "djq_core", "djq_ui", "-j2"])
    core_libs = ("libdjq_core.a", "libdjq_sqlite3.a", "libdjq_zlib.a")
    compiler, flags = compile_flags(build_dir, "src/core/model/task_query.cpp")
    objects = compile_objects(build_dir, compiler, flags, ["bench_main.cpp", "bench_sync.cpp", "bench_open.cpp", "bench_decode.cpp",
                                                          "bench_lists.cpp", "bench_admin.cpp", "bench_memory.cpp"])
    bench = link_for_node(build_dir, compiler, objects, core_libs, "djq_bench.js")
    compiler, flags = compile_flags(build_dir, "src/ui/tasks/task_list.cpp")
    # The null platform reads the fallback fonts from Debian's files, as the native tests do (node: NODERAWFS).
    with open(os.path.join(build_dir, "CMakeCache.txt")) as f:
        cache = dict(line.strip().split("=", 1) for line in f if line.startswith(("DJQ_CJK_FONT_SOURCE:", "DJQ_SYMBOLS_FONT_SOURCE:")))
    fonts = f'-DDJQ_FALLBACK_FONT_FILES="{cache["DJQ_CJK_FONT_SOURCE:FILEPATH"]}|{cache["DJQ_SYMBOLS_FONT_SOURCE:FILEPATH"]}"'
    objects = compile_objects(build_dir, compiler, [*flags, fonts], ["bench_frames.cpp", "bench_memory.cpp", "../ui/platform_null.cpp"])
    frames = link_for_node(build_dir, compiler, objects, ("libdjq_ui.a", "libdjq_imgui.a", "libdjq_font.a", *core_libs),
                           "djq_frame_bench.js")
    return bench, frames


def unpack_sqljs():
    tarballs = sorted(glob.glob(os.path.join(ROOT, ".deps", "npm", "sql.js-*.tgz")))
    if not tarballs:
        sys.exit("compare: .deps/npm/sql.js-*.tgz not found: run scripts/setup.sh")
    dest = os.path.join(NATIVE, "_deps", "sqljs")
    stamp = dest + ".stamp"
    if not os.path.exists(stamp) or open(stamp).read() != tarballs[-1]:
        shutil.rmtree(dest, ignore_errors=True)
        with tarfile.open(tarballs[-1]) as tar:
            tar.extractall(dest)
        with open(stamp, "w") as f:
            f.write(tarballs[-1])
    return os.path.join(dest, "package")


def reported(command):
    """Runs a benchmark that prints `name   value unit  detail` lines; returns {name: value}."""
    log("$ " + " ".join(shlex.quote(c) for c in command))
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    found = {}
    for line in done.stdout.splitlines():
        match = re.match(r"^(.*?)\s{2,}([\d.]+) ", line)
        if match:
            found[match.group(1)] = float(match.group(2))
    return found


def import_fixture(path):
    """A loaddata fixture of a 300k-task demo export, made once (reused when present)."""
    if not os.path.exists(path):
        demo = os.path.splitext(path)[0] + ".sqlite3"
        if not os.path.exists(demo):
            sh([os.path.join(NATIVE, "djq"), "demo", "-o", demo, "--tasks", "300000"])
        sh([os.path.join(NATIVE, "djq"), "export", demo, "--fixture", path])
    return path


def ms(value):
    return f"{value:.1f}" if value < 1000 else f"{value:,.0f}"


def fmt(line):
    return "—" if line is None else f"{ms(line['p50_ms'])} / {ms(line['p95_ms'])}"


def ratio(a, b):
    if a is None or b is None:
        return "—"
    r = a["p50_ms"] / b["p50_ms"]
    return f"{r:.2f}×" if r < 0.95 else f"{r:.1f}×" if r < 100 else f"{r:,.0f}×"


def table(results):
    impls = ["djq-native", "djq-wasm", "sql.js", "django-orm"]
    by = {}
    order = []
    for line in results:
        if line["kind"] == "query":
            by[(line["impl"], line["query"], line["index"], line.get("search_index", False))] = line
            if line["query"] not in order:
                order.append(line["query"])
    out = ["| query (Successful, page 1 of 100 + count; p50 / p95 ms) | djq native | djq wasm | sql.js | Django ORM "
           "| ratio Django/djq | ratio sql.js/djq |", "|---|---|---|---|---|---|---|"]
    # djq's search index has no SQL twin: sql.js's and Django's cells there are their best (with the
    # list's index; Django has only the server's indexes, so its cells are the same in every half).
    halves = ((True, True, "with djq's search index"), (True, False, "with the list's index"), (False, False, "without the list's index"))
    for indexed, search_index, words in halves:
        for query in order:
            djq = [by.get((impl, query, indexed, search_index)) for impl in impls[:2]]
            sqljs = by.get(("sql.js", query, indexed, False))
            django = by.get(("django-orm", query, False, False))
            out.append(f"| {query}, {words} | {fmt(djq[0])} | {fmt(djq[1])} | {fmt(sqljs)} | {fmt(django)} "
                       f"| {ratio(django, djq[0])} | {ratio(sqljs, djq[0])} |")
    once = (("load", "read the file + open its bytes in memory"), ("index", "make the list's index"),
            ("search-index", "load and sort djq's search index"))
    for kind, label in once:
        names = sorted({l.get("index", "") for l in results if l["kind"] == kind})
        for name in names:
            cells = {l["impl"]: l for l in results if l["kind"] == kind and l.get("index", "") == name}
            row = [cells.get(impl) for impl in impls[:3]]
            text = [("—" if c is None else f"{c['ms']:,.0f}") for c in row]
            sqljs = "—" if row[0] is None or row[2] is None else f"{row[2]['ms'] / row[0]['ms']:.1f}×"
            out.append(f"| {label}{' ' + name if name else ''} (ms, once) | {' | '.join(text)} | — | — | {sqljs} |")
    # Every side must have found the same rows.
    for query in order:
        counts = {(l["impl"], l["index"], l.get("search_index", False)): l["count"]
                  for l in results if l["kind"] == "query" and l["query"] == query}
        if len(set(counts.values())) != 1:
            out.append(f"\nWARNING: the counts differ for {query}: {counts}")
    return "\n".join(out)


def issue18_table(results, export_bytes):
    """Issue 18's rows: what a user waits for and what memory holds, native, wasm and in Chromium."""
    frames = {(l["impl"], l["phase"]): l for l in results if l["kind"] == "frames"}
    memory = {l["impl"]: l for l in results if l["kind"] == "memory"}
    browser = next((l for l in results if l["kind"] == "browser"), None)
    browser_import = next((l for l in results if l["kind"] == "browser-import"), None)
    native = next((l for l in results if l["kind"] == "native-300k"), {})

    def frame(impl, phase):
        line = frames.get((impl, phase))
        return "—" if line is None else f"{ms(line['p50_ms'])} ms"

    def chromium(key, unit=" ms"):
        return "—" if browser is None or key not in browser else f"{browser[key]:,}{unit}"

    def ratio_of(megabytes):
        return f"{megabytes:,.0f} MB ({megabytes * 1e6 / export_bytes:.2f}× the export)" if export_bytes else f"{megabytes:,.0f} MB"

    edit = "delete one task -> list on screen, app idle (total)"
    first = "open -> the Successful list's first page on screen (total)"
    out = ["| issue 18 (p50) | djq native | djq wasm (node) | Chromium (build-web) |", "|---|---|---|---|",
           f"| an edit: page responds (Chromium: from the button's release, frames included) | {frame('djq-native', edit)} "
           f"| {frame('djq-wasm', edit)} | {chromium('edit_responds_ms')} |",
           f"| an edit: kept in IndexedDB | — | — | {chromium('edit_kept_ms')} |",
           f"| an edit: longest frame | — | — | {chromium('edit_longest_frame_ms')} |",
           f"| open -> first page (Chromium: from navigation, download included) | {frame('djq-native', first)} "
           f"| {frame('djq-wasm', first)} | {chromium('open_first_page_ms')} |",
           f"| open: longest frame | — | — | {chromium('open_longest_frame_ms')} |",
           f"| open -> first page from the bytes in hand (Chromium: after the download) | — | — "
           f"| {chromium('open_from_bytes_to_first_page_ms')} |",
           f"| open: the open call (Chromium: one task, after the copy into wasm in 16 MB tasks) | — | — | {chromium('open_call_ms')} |",
           f"| open: longest main-thread task (Chromium: frames, the glue, the compositor's commit) | — | — "
           f"| {longest_task(browser)} |"]
    cells = [ratio_of(memory[impl]["peak_mb"]) if impl in memory else "—" for impl in ("djq-native", "djq-wasm")]
    heap = ratio_of(browser["wasm_heap_mb"]) if browser and "wasm_heap_mb" in browser else "—"
    out.append(f"| memory (native: max RSS; wasm: heap) | {cells[0]} | {cells[1]} | {heap} |")
    out.append(f"| value search: first results / all decoded | — | — | {chromium('values_first_result_ms')} / "
               f"{chromium('values_all_ms')} ({chromium('values_tasks_per_s', ' tasks/s')}) |")
    out.append(f"| value search: longest frame | — | — | {chromium('values_longest_frame_ms')} |")
    steps = native.get("value search: decode + index, in the app's steps")
    out.append(f"| value search at 300k tasks, in the app's steps (native: djq_bench --only lists) "
               f"| {'—' if steps is None else f'{steps:,.0f} tasks/s'} | — | — |")
    imported = native.get("dumpdata JSON import")
    in_browser = "—" if browser_import is None else (f"{browser_import['import_rows_per_s']:,} rows/s "
                                                     f"(longest frame {browser_import['import_longest_frame_ms']:,} ms)")
    out.append(f"| dumpdata JSON import, 300k tasks | {'—' if imported is None else f'{imported:,.0f} rows/s'} | — | {in_browser} |")
    return "\n".join(out)


def longest_task(browser):
    tasks = (browser or {}).get("open_long_tasks_at_and_ms")
    return "—" if tasks is None else (f"{max(t[1] for t in tasks):,} ms ({len(tasks)} over 50 ms)" if tasks else "none over 50 ms")


def frames_table(results):
    """The app's frames (djq_frame_bench), native and wasm side by side."""
    by = {(l["impl"], l["phase"]): l for l in results if l["kind"] == "frames"}
    phases = list(dict.fromkeys(l["phase"] for l in results if l["kind"] == "frames"))
    if not phases:
        return ""
    out = ["| frames (ImGui null backend, CPU ms: p50 / p95 / max) | djq native | djq wasm |", "|---|---|---|"]
    for phase in phases:
        cells = []
        for impl in ("djq-native", "djq-wasm"):
            line = by.get((impl, phase))
            cells.append("—" if line is None else f"{ms(line['p50_ms'])} / {ms(line['p95_ms'])} / {ms(line['max_ms'])} "
                                                    f"({line['frames']} frames)")
        out.append(f"| {phase} | {' | '.join(cells)} |")
    memory = {l["impl"]: l for l in results if l["kind"] == "memory"}
    cells = ["—" if impl not in memory else f"{memory[impl]['peak_mb']:,.0f} MB (search index {memory[impl]['search_index_mb']:.0f} MB)"
             for impl in ("djq-native", "djq-wasm")]
    out.append(f"| peak memory (native: max RSS; wasm: heap size) | {' | '.join(cells)} |")
    return "\n".join(out)


def machine():
    """The machine the figures come from: CPU model, cores and memory."""
    model, memory_kb = "?", 0
    with open("/proc/cpuinfo") as f:
        model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), model)
    with open("/proc/meminfo") as f:
        memory_kb = next((int(line.split()[1]) for line in f if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores of {model}, {memory_kb / 1024 / 1024:.0f} GB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/djq-bench-1m.sqlite3")
    parser.add_argument("--reps", default="15")
    parser.add_argument("--warmup", default="2")
    parser.add_argument("--web-build", default=os.path.join(ROOT, "build-bench-web"))
    parser.add_argument("--no-wasm", action="store_true", help="leave out the web build of djq_bench")
    parser.add_argument("--no-build", action="store_true", help="use the programs as built")
    parser.add_argument("--no-browser", action="store_true", help="leave out the web app in Chromium")
    parser.add_argument("--import-json", default="/tmp/djq-bench-300k.json", help="the fixture the import rows use")
    options = parser.parse_args()

    if not options.no_build:
        build_native()
    wasm = wasm_frames = None
    if not options.no_wasm:
        try:
            built = (os.path.join(options.web_build, "djq_bench.js"), os.path.join(options.web_build, "djq_frame_bench.js"))
            wasm, wasm_frames = built if options.no_build else build_wasm(options.web_build)
        except (subprocess.CalledProcessError, StopIteration, IndexError, OSError) as error:
            log(f"the web build of djq_bench failed ({error}); going on without it")
    if not os.path.exists(options.db):
        sh([os.path.join(NATIVE, "djq"), "demo", "-o", options.db, "--tasks", "1000000", "--schedules", "2000", "--queued", "50000"])
    sqljs = unpack_sqljs()
    sql_file = os.path.join(NATIVE, "bench-admin-sql.jsonl")
    reps = ["--reps", options.reps, "--warmup", options.warmup]

    load_before = os.getloadavg()[0]
    results = json_lines([os.path.join(NATIVE, "djq_bench"), "--only", "admin-compare", "--db", options.db, "--json",
                          "--sql-out", sql_file, *reps])
    if wasm:
        try:
            results += json_lines(["node", wasm, "--only", "admin-compare", "--db", options.db, "--json", *reps])
        except subprocess.CalledProcessError as error:
            log(f"djq_bench under node failed ({error}); going on without it")
    results += json_lines(["node", os.path.join(BENCH, "sqljs_bench.js"), "--sqljs", sqljs, "--db", options.db,
                           "--sql", sql_file, *reps])
    results += json_lines([DJANGO_PYTHON, os.path.join(BENCH, "django_admin_bench.py"), "--db", options.db, "--sql", *reps])
    results += json_lines([os.path.join(NATIVE, "djq_frame_bench"), "--db", options.db, "--json"])
    if wasm_frames:
        try:
            results += json_lines(["node", wasm_frames, "--db", options.db, "--json"])
        except subprocess.CalledProcessError as error:
            log(f"djq_frame_bench under node failed ({error}); going on without it")
    if not options.no_browser:
        try:
            results += [dict(line, kind="browser") for line in
                        json_lines(["node", os.path.join(BENCH, "browser_bench.js"), "--db", options.db, "--reps", "5"])]
        except subprocess.CalledProcessError as error:
            log(f"browser_bench.js failed ({error}); going on without it")
    native_300k = reported([os.path.join(NATIVE, "djq_bench"), "--only", "import", "--tasks", "300000"])
    native_300k.update(reported([os.path.join(NATIVE, "djq_bench"), "--only", "lists", "--tasks", "300000"]))
    results.append(dict(native_300k, kind="native-300k"))
    if not options.no_browser:
        try:
            results += [dict(line, kind="browser-import") for line in
                        json_lines(["node", os.path.join(BENCH, "browser_bench.js"), "--import", import_fixture(options.import_json)])]
        except subprocess.CalledProcessError as error:
            log(f"browser_bench.js --import failed ({error}); going on without it")
    with open(os.path.join(NATIVE, "bench-admin-compare.jsonl"), "w") as f:
        f.writelines(json.dumps(line) + "\n" for line in results)
    versions = {l["impl"]: l.get("sqlite") for l in results if l.get("sqlite")}
    django = next((l["django"] for l in results if l.get("django")), "?")
    size = next((l["bytes"] for l in results if l["kind"] == "load"), 0)
    print(f"{machine()}; {os.path.basename(options.db)}: {size / 1e6:.0f} MB; reps {options.reps} after {options.warmup} warm-up; "
          f"SQLite: djq 3.53.2 (its amalgamation), sql.js {versions.get('sql.js', '?')}, "
          f"Django {django} on Python's {versions.get('django-orm', '?')}; "
          f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after (other work skews the figures)")
    print(table(results))
    print()
    print(frames_table(results))
    print()
    print(issue18_table(results, size))


if __name__ == "__main__":
    main()
