#!/usr/bin/python3
"""The Successful list as Django's admin changelist queries it, through Django's own ORM (Debian's
python3-django 3.2, as the fixtures were made with), on a Django Q SQLite file.

    /usr/bin/python3 tests/bench/django_admin_bench.py   (Debian's python, which has python3-django) --db FILE [--reps 15] [--warmup 2] [--sql]

Prints one JSON line per query on stdout: p50/p95 in ms over --reps runs after --warmup runs, of what
ChangeList.get_results does for page 1 of 100: paginator.count (qs.count()) and the page's rows
(list(qs[:100])), with the models django_q declares (the args, kwargs and result columns are
PickledObjectFields, decoded per row as the admin's page does). The admin's second count, the
"(M total)" of root_queryset.count(), is reported beside it (full_count_p50_ms), not in the total.

The query set is the one in bench_admin.cpp and sqljs_bench.js; compare.py prints them together.
"""
import argparse
import json
import math
import os
import sys
import tempfile
import time
from functools import reduce
import operator

# Names and (search, group) as in bench_admin.cpp's kAdminQueries.
QUERIES = [
    ("no search", "", None),
    ("search 'e' (1 char)", "e", None),
    ("search 'inv' (3 chars)", "inv", None),
    ("search 'batch-1042' (10 chars)", "batch-1042", None),
    ("group = 'batch-1042'", "", "batch-1042"),
]

# django_q's models (django-q2's django_q/models.py, Task and its proxies), for an existing table.
MODELS_PY = '''
from django.db import models
from picklefield import PickledObjectField


class Task(models.Model):
    id = models.CharField(max_length=32, primary_key=True, editable=False)
    name = models.CharField(max_length=100, editable=False)
    func = models.CharField(max_length=256)
    hook = models.CharField(max_length=256, null=True)
    args = PickledObjectField(null=True, protocol=-1)
    kwargs = PickledObjectField(null=True, protocol=-1)
    result = PickledObjectField(null=True, protocol=-1)
    group = models.CharField(max_length=100, editable=False, null=True)
    cluster = models.CharField(max_length=100, default=None, null=True, blank=True)
    started = models.DateTimeField(editable=False)
    stopped = models.DateTimeField(editable=False)
    success = models.BooleanField(default=True, editable=False)
    attempt_count = models.IntegerField(default=0)

    class Meta:
        app_label = "django_q"
        db_table = "django_q_task"
        managed = False
        ordering = ["-stopped"]


class SuccessManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(success=True)


class Success(Task):
    objects = SuccessManager()

    class Meta:
        app_label = "django_q"
        proxy = True


class FailureManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(success=False)


class Failure(Task):
    objects = FailureManager()

    class Meta:
        app_label = "django_q"
        proxy = True
'''


def percentile(values, p):
    """Nearest rank, as bench_admin.cpp and sqljs_bench.js compute it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def setup_django(db_path):
    app_root = tempfile.mkdtemp(prefix="djq-django-bench-")
    os.makedirs(os.path.join(app_root, "django_q"))
    with open(os.path.join(app_root, "django_q", "__init__.py"), "w"):
        pass
    with open(os.path.join(app_root, "django_q", "models.py"), "w") as f:
        f.write(MODELS_PY)
    sys.path.insert(0, app_root)
    import django
    from django.conf import settings
    settings.configure(
        DEBUG=False,
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db_path}},
        USE_TZ=True,
        TIME_ZONE="Europe/Amsterdam",
        INSTALLED_APPS=["django_q"],
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


def changelist_queryset(search, group):
    """What ChangeList.get_queryset builds for the Successful page (django_q's TaskAdmin:
    search_fields name, func, group; list_filter group; ordering -stopped, plus the '-pk' tie-break
    the changelist appends for a deterministic order)."""
    from django.db.models import Q
    from django.utils.text import smart_split, unescape_string_literal
    from django_q.models import Success

    qs = Success.objects.all()
    if group is not None:
        qs = qs.filter(group=group)
    for bit in smart_split(search):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        qs = qs.filter(reduce(operator.or_, (Q(**{f + "__icontains": bit}) for f in ("name", "func", "group"))))
    return qs.order_by("-stopped", "-pk")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--sql", action="store_true", help="also print each query's SQL and plan")
    options = parser.parse_args()
    setup_django(os.path.abspath(options.db))
    import django
    from django.db import connection
    from django_q.models import Success

    for name, search, group in QUERIES:
        qs = changelist_queryset(search, group)
        page_ms, count_ms, full_ms, total_ms = [], [], [], []
        rows = count = 0
        for i in range(-options.warmup, options.reps):
            start = time.perf_counter()
            count = qs.count()                  # paginator.count
            counted = time.perf_counter()
            page = list(qs[:100])               # paginator.page(1).object_list
            listed = time.perf_counter()
            Success.objects.count()             # full_result_count (show_full_result_count)
            full = time.perf_counter()
            rows = len(page)
            if i < 0:
                continue
            count_ms.append((counted - start) * 1000)
            page_ms.append((listed - counted) * 1000)
            full_ms.append((full - listed) * 1000)
            total_ms.append((listed - start) * 1000)
        line = {"kind": "query", "impl": "django-orm", "query": name, "index": False, "reps": options.reps,
                "p50_ms": percentile(total_ms, 50), "p95_ms": percentile(total_ms, 95),
                "page_p50_ms": percentile(page_ms, 50), "count_p50_ms": percentile(count_ms, 50),
                "full_count_p50_ms": percentile(full_ms, 50), "rows": rows, "count": count,
                "django": django.get_version(), "sqlite": connection.Database.sqlite_version}
        print(json.dumps(line), flush=True)
        if options.sql:
            sql, params = qs[:100].query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                plan = [row[-1] for row in cursor.fetchall()]
            print(json.dumps({"kind": "sql", "impl": "django-orm", "query": name, "page_sql": sql,
                              "params": [str(p) for p in params], "plan": plan}), flush=True)


if __name__ == "__main__":
    main()
