#!/usr/bin/env node
// The same SQL djq's core runs for the Successful list, through sql.js (SQLite compiled to wasm) in
// node, on the same export loaded into memory, as a browser-side SQLite app would do it.
//
//   node tests/bench/sqljs_bench.js --sqljs DIR --db FILE --sql SQL.jsonl [--reps 15] [--warmup 2]
//
// DIR is the unpacked npm package (compare.py unpacks .deps/npm/sql.js-*.tgz into the build folder).
// SQL.jsonl is what `djq_bench --only admin-compare --sql-out FILE` wrote: the exact statements the
// core ran for each query (bound values filled in) and the DDL of the list's indexes. Each query is
// timed without the indexes, then again after making them (the make is timed too). Prints JSON lines:
// p50/p95 in ms of page (prepare, step, read every column, free) + count, as bench_admin.cpp does.
"use strict";
const fs = require("fs");
const path = require("path");

function args() {
  const options = { reps: 15, warmup: 2 };
  const argv = process.argv.slice(2);
  for (let i = 0; i + 1 < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "");
    options[key] = key === "reps" || key === "warmup" ? Number(argv[i + 1]) : argv[i + 1];
  }
  for (const key of ["sqljs", "db", "sql"])
    if (!options[key]) throw new Error(`--${key} is required (see the comment at the top of ${path.basename(__filename)})`);
  return options;
}

// Nearest rank, as bench_admin.cpp and django_admin_bench.py compute it.
function percentile(values, p) {
  const ordered = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * ordered.length));
  return ordered[Math.min(rank, ordered.length) - 1];
}

// Runs one statement to the end, reading every column of every row; returns the rows read.
function run(db, sql) {
  const stmt = db.prepare(sql);
  const rows = [];
  try {
    while (stmt.step()) rows.push(stmt.get());
  } finally {
    stmt.free();
  }
  return rows;
}

function emit(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

async function main() {
  const options = args();
  const initSqlJs = require(path.resolve(options.sqljs, "dist", "sql-wasm.js"));
  const SQL = await initSqlJs({ locateFile: (file) => path.resolve(options.sqljs, "dist", file) });
  const lines = fs.readFileSync(options.sql, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const queries = lines.filter((l) => l.kind === "query");
  const indexes = lines.filter((l) => l.kind === "index");

  const loadStart = performance.now();
  const bytes = fs.readFileSync(options.db);
  const readMs = performance.now() - loadStart;
  const db = new SQL.Database(bytes);
  const version = run(db, "SELECT sqlite_version()")[0][0];
  emit({ kind: "load", impl: "sql.js", ms: performance.now() - loadStart, read_ms: readMs, bytes: bytes.length, sqlite: version });

  // As bench_admin.cpp: "without the index" means without any djq_task_* index.
  for (const [name] of run(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'djq\\_task\\_%' ESCAPE '\\'"))
    db.run(`DROP INDEX ${name}`);

  for (const indexed of [false, true]) {
    if (indexed) {
      for (const index of indexes) {
        const start = performance.now();
        db.run(index.sql);
        emit({ kind: "index", impl: "sql.js", index: index.index, ms: performance.now() - start });
      }
    }
    for (const query of queries.filter((q) => q.index === indexed)) {
      const page = [], count = [], total = [];
      let rows = 0, matching = 0;
      for (let i = -options.warmup; i < options.reps; ++i) {
        const start = performance.now();
        rows = run(db, query.page_sql).length;
        const listed = performance.now();
        matching = run(db, query.count_sql)[0][0];
        const counted = performance.now();
        if (i < 0) continue;
        page.push(listed - start);
        count.push(counted - listed);
        total.push(counted - start);
      }
      emit({
        kind: "query", impl: "sql.js", query: query.query, index: indexed, reps: options.reps,
        p50_ms: percentile(total, 50), p95_ms: percentile(total, 95),
        page_p50_ms: percentile(page, 50), count_p50_ms: percentile(count, 50),
        rows, count: matching, sqlite: version,
      });
    }
  }
  db.close();
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
