// "Run now" for a schedule (Koed00/django-q#651): the task the scheduler would launch if the
// schedule were due this moment (SEMANTICS.md §5), made on the working copy so it reaches the
// server through the changeset. The schedule itself is left as it is.
#pragma once

#include <cstdint>

#include "core/model/resubmit.h"

namespace core {

struct RunNowDone {
    bool queued = false;           // a django_q_ormq row (signed now, or on the server)
    std::int64_t schedule_id = 0;  // else the new ONCE schedule's id
    std::string task_name;         // the queued task's name
};

// What the scheduler passes: args literal_eval'ed (one value becomes a 1-tuple), kwargs as a dict
// or k=v text, q_options with hook, cluster and group = name or id, and the intended date kwarg
// (django-q2) = now in ISO form. settings.way picks a queue entry (the key signs it, or the server
// does) or a ONCE schedule due now (repeats -1: deleted after its run). One undoable batch
// ("run_schedule_now"). Errors: "schedule.not_found", the args/kwargs parse error, resubmit's.
Result<RunNowDone> RunScheduleNow(Export& export_, std::int64_t id, const ResubmitSettings& settings, UnixMicros now);

}  // namespace core
