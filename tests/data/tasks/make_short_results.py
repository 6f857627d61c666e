"""Expected Failed-list short_result for each fixture failure: Django's truncatechars(result, 100).

django.utils.text.Truncator(text).chars(100) keeps 99 characters and appends "…" when the text
is longer than 100 (no combining characters occur in the fixtures). Run from this folder:
    python3 make_short_results.py > short_results.json
"""
import ast
import json
import pathlib

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"


def truncatechars(text, length=100):
    return text if len(text) <= length else text[: length - 1] + "\u2026"


out = {}
for flavor in ("djq1-1.3.9", "djq2-latest"):
    golden = json.loads((FIXTURES / f"golden-{flavor}.json").read_text())
    out[flavor] = {t["id"]: truncatechars(ast.literal_eval(t["result"])) for t in golden["tasks"] if not t["success"]}
print(json.dumps(out, indent=1, ensure_ascii=False))
