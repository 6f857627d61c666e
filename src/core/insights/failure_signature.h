// Failure groups: what a failed task's result says went wrong, reduced to a signature that the same
// bug gives every time. Django Q stores a failure as "{exception} : {traceback.format_exc()}"
// (SEMANTICS.md §3), so the same error raised for another id differs only in its numbers, ids and
// quoted values: those are normalised away.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace core {

struct FailureSignature {
    // The exception's class as the traceback's last line names it ("demoapp.tasks.ReportError");
    // empty for a result without a traceback.
    std::string exception_type;
    // str(exception) with numbers as N, ids as <id> and quoted values as '…'.
    std::string message;
    // The innermost frame outside Django Q's own code (its worker and timeout handler wrap every
    // task), else the innermost frame: the file and the function. Line numbers are left out of the
    // signature so a deploy that moves code keeps its groups; `line` is this example's.
    std::string file, function;
    std::int64_t line = 0;

    // What groups compare: type, message, the file's path from its package on (a deploy to another
    // folder keeps the group) and the function.
    std::string Key() const;
    // 12 hex digits of Key()'s SHA-1: the group in a link (#/failed?failure_group=…), the same in
    // every build and every export that has the group.
    std::string LinkId() const;
    // "ValueError: bad value for field '…': N", as lists and the CLI name the group.
    std::string Headline() const;
    // "shop/tasks.py in charge": the frame by its path from the package on, enough to recognise
    // it; "" without a traceback.
    std::string Place() const;
};

FailureSignature SignatureOfFailure(std::string_view result);
// The message rule above, alone.
std::string NormaliseFailureMessage(std::string_view message);

}  // namespace core
