#include "core/model/schedule_edits.h"

#include "core/sync/journal.h"

namespace core {
namespace {

Result<ScheduleRow> Existing(Export& export_, std::int64_t id) {
    auto found = FindSchedule(export_, id);
    if (!found) return found.error();
    if (!found->has_value()) return MakeError("schedule.not_found", "no schedule " + std::to_string(id) + " in this export");
    return std::move(*found.value());
}

Status SetRepeats(Export& export_, std::int64_t id, std::int64_t repeats, std::string_view operation) {
    auto schedule = Existing(export_, id);
    if (!schedule) return schedule.error();
    schedule->repeats = repeats;
    return Journalled(export_.db, operation,
                      [&](EditBatch& batch) { return batch.Update("django_q_schedule", ScheduleImage(export_.schema, schedule.value())); });
}

}  // namespace

Result<std::int64_t> SaveSchedule(Export& export_, const ScheduleRow& schedule) {
    std::int64_t id = schedule.id;
    auto saved = Journalled(export_.db, "save_schedule", [&](EditBatch& batch) -> Status {
        const RowImage image = ScheduleImage(export_.schema, schedule);
        if (schedule.id != 0) return batch.Update("django_q_schedule", image);
        if (auto inserted = batch.Insert("django_q_schedule", image); !inserted) return inserted;
        id = batch.last_inserted().get<std::int64_t>();
        return Ok{};
    });
    if (!saved) return saved.error();
    return id;
}

Result<std::int64_t> DeleteSchedules(Export& export_, const std::vector<std::int64_t>& ids) {
    std::int64_t deleted = 0;
    auto done = Journalled(export_.db, "delete_schedules", [&](EditBatch& batch) -> Status {
        for (const auto id : ids)
            if (auto step = batch.Delete("django_q_schedule", id); !step) return step;
        deleted = batch.changed();
        return Ok{};
    });
    if (!done) return done.error();
    return deleted;
}

Result<std::int64_t> RepeatsBeforePause(Export& export_, std::int64_t id) {
    auto journal = ReadJournal(export_.db);
    if (!journal) return journal.error();
    for (auto entry = journal->rbegin(); entry != journal->rend(); ++entry) {
        if (entry->table != "django_q_schedule" || entry->pk != nlohmann::json(id) || !entry->before || !entry->after) continue;
        const auto before = entry->before->value("repeats", nlohmann::json()), after = entry->after->value("repeats", nlohmann::json());
        if (after == 0 && before.is_number_integer() && before != 0) return before.get<std::int64_t>();
    }
    return std::int64_t{-1};
}

Status PauseSchedule(Export& export_, std::int64_t id) { return SetRepeats(export_, id, 0, "pause_schedule"); }

Status ResumeSchedule(Export& export_, std::int64_t id) {
    auto repeats = RepeatsBeforePause(export_, id);
    if (!repeats) return repeats.error();
    return SetRepeats(export_, id, repeats.value(), "resume_schedule");
}

}  // namespace core
