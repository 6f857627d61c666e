// Reading Python literals: ast.literal_eval over source text, and how Django Q reads a Schedule's
// args and kwargs text (SEMANTICS.md §5), so the schedule editor can refuse what the scheduler
// would fail on or silently drop. The reverse of py_literal.h.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/decode/py_value.h"
#include "core/result.h"
#include "core/schema/schema.h"
#include "core/sched/schedule_runs.h"

namespace core {

// ast.literal_eval(source) as CPython 3.9-3.13 evaluates it: None, True, False, ints (any base,
// underscores, up to Python's 4,300-digit limit), floats, complex (an imaginary number, or a real
// one plus or minus it), str and bytes with every prefix, quote and escape, implicit
// concatenation, tuples, lists, dicts, sets, set() and `...` (a Global builtins.Ellipsis, as pickle
// gives it). Sets and dicts drop equal items as Python does ({1, True} is {1}), keeping source order.
// Errors, where = "line L, column C" (1-based; columns count characters):
//   "literal.syntax"      Python would not parse the text (SyntaxError, IndentationError)
//   "literal.not_literal" valid Python that literal_eval refuses: a name, call, operator, f-string...
//   "literal.unhashable"  a list, dict or set as a dict key or set item (Python's TypeError)
//   "literal.unsupported" valid, but not read here: \N{...} escapes, ints past 4,300 digits
Result<PyRef> ParsePythonLiteral(std::string_view source);

// Schedule.args as the scheduler uses it: literal_eval, and a value that is not a tuple becomes a
// 1-tuple. Empty text (a NULL column) is the empty tuple; text of only spaces is an error, as there.
Result<PyRef> ParseScheduleArgs(std::string_view text);

// Schedule.kwargs as the scheduler uses it, always a Dict with str keys; empty text is {}.
//   DjangoQ2: a dict literal, or `name=value, ...` (a repeated name: the last wins).
//   DjangoQ1: eval("dict(" + text + ")"), restricted to literals: an optional dict literal or list
//             of (key, value) pairs, then name=value and **{dict literal}.
// What the scheduler would fail on or silently ignore is an error: the literal codes above, and
// "kwargs.not_dict" (the value is not a dict) or "kwargs.invalid" (a value without a name or `*`,
// `**` in q2, a repeated name in q1, a non-str key, a comment at the very end that would hide the
// `)` Django Q puts after the text). Text of only spaces or a comment is {} (so it is there).
Result<PyRef> ParseScheduleKwargs(std::string_view text, SchedulerVariant variant);

// str.isidentifier() and not keyword.iskeyword(): what the admin requires of intended_date_kwarg.
// Exact for Python 3.11's Unicode 14 tables; hard keywords only (match, case, type, _ are allowed).
bool IsPythonIdentifierNotKeyword(std::string_view text);

// Building blocks (py_identifier_table.cpp): may a code point begin / continue a Python identifier.
bool IsXidStart(std::uint32_t code_point);
bool IsXidContinue(std::uint32_t code_point);

}  // namespace core
