#include "core/model/schedule.h"

namespace core {
namespace {

std::string SelectSchedulesSql(const SchemaInfo& schema) {
    return std::string("SELECT s.id, s.name, s.func, s.hook, s.args, s.kwargs, s.schedule_type, s.minutes, s.repeats, s.next_run, "
                       "s.cron, s.task, ") +
           (schema.schedule_cluster ? "s.cluster" : "NULL") + ", " + (schema.schedule_intended_date_kwarg ? "s.intended_date_kwarg" : "NULL") +
           ", t.name, t.success FROM django_q_schedule s LEFT JOIN django_q_task t ON t.id = s.task";
}

std::optional<std::int64_t> OptionalInt(const Stmt& stmt, int column) {
    if (stmt.IsNull(column)) return std::nullopt;
    return stmt.Int(column);
}

ScheduleListRow ReadScheduleRow(const Stmt& stmt) {
    ScheduleListRow row;
    row.id = stmt.Int(0);
    row.name = stmt.OptionalText(1);
    row.func = stmt.Text(2);
    row.hook = stmt.OptionalText(3);
    row.args = stmt.OptionalText(4);
    row.kwargs = stmt.OptionalText(5);
    row.schedule_type = stmt.Text(6);
    row.minutes = OptionalInt(stmt, 7);
    row.repeats = stmt.Int(8);
    row.next_run = stmt.OptionalText(9);
    row.cron = stmt.OptionalText(10);
    row.task = stmt.OptionalText(11);
    row.cluster = stmt.OptionalText(12);
    row.intended_date_kwarg = stmt.OptionalText(13);
    row.last_run_name = stmt.OptionalText(14);
    if (!stmt.IsNull(15)) row.last_run_success = stmt.Int(15) != 0;
    return row;
}

nlohmann::json OrNull(const std::optional<std::string>& text) { return text ? nlohmann::json(*text) : nlohmann::json(); }

}  // namespace

Result<std::vector<ScheduleListRow>> ReadSchedules(Export& export_) { return ReadSchedulesAfter(export_, INT64_MIN, INT64_MAX); }

Result<std::vector<ScheduleListRow>> ReadSchedulesAfter(Export& export_, std::int64_t after_id, std::int64_t limit) {
    auto stmt = export_.db.Prepare(SelectSchedulesSql(export_.schema) + " WHERE s.id > ?1 ORDER BY s.id LIMIT ?2");
    if (!stmt) return stmt.error();
    stmt->Bind(1, after_id).Bind(2, limit);
    std::vector<ScheduleListRow> rows;
    for (;;) {
        auto step = stmt->Step();
        if (!step) return step.error();
        if (!step.value()) return rows;
        rows.push_back(ReadScheduleRow(stmt.value()));
    }
}

Result<std::optional<ScheduleRow>> FindSchedule(Export& export_, std::int64_t id) {
    auto stmt = export_.db.Prepare(SelectSchedulesSql(export_.schema) + " WHERE s.id = ?1");
    if (!stmt) return stmt.error();
    stmt->Bind(1, id);
    auto step = stmt->Step();
    if (!step) return step.error();
    if (!step.value()) return std::optional<ScheduleRow>();
    return std::optional<ScheduleRow>(static_cast<ScheduleRow>(ReadScheduleRow(stmt.value())));
}

std::string TaskGroupOf(const ScheduleRow& schedule) { return schedule.name.value_or(std::to_string(schedule.id)); }

std::string LabelOf(const ScheduleRow& schedule) { return schedule.name && !schedule.name->empty() ? *schedule.name : schedule.func; }

ScheduleTiming TimingOf(const ScheduleRow& schedule) {
    ScheduleTiming timing;
    timing.type = schedule.schedule_type;
    if (schedule.minutes) timing.minutes = static_cast<int>(*schedule.minutes);
    timing.cron = schedule.cron.value_or("");
    timing.repeats = static_cast<int>(schedule.repeats);
    if (schedule.next_run) timing.next_run = ParseDjangoDatetime(*schedule.next_run);
    return timing;
}

RowImage ScheduleImage(const SchemaInfo& schema, const ScheduleRow& schedule) {
    RowImage image = {{"name", OrNull(schedule.name)},
                      {"func", schedule.func},
                      {"hook", OrNull(schedule.hook)},
                      {"args", OrNull(schedule.args)},
                      {"kwargs", OrNull(schedule.kwargs)},
                      {"schedule_type", schedule.schedule_type},
                      {"minutes", schedule.minutes ? nlohmann::json(*schedule.minutes) : nlohmann::json()},
                      {"repeats", schedule.repeats},
                      {"next_run", OrNull(schedule.next_run)},
                      {"cron", OrNull(schedule.cron)},
                      {"task", OrNull(schedule.task)}};
    if (schedule.id != 0) image["id"] = schedule.id;
    if (schema.schedule_cluster) image["cluster"] = OrNull(schedule.cluster);
    if (schema.schedule_intended_date_kwarg) image["intended_date_kwarg"] = OrNull(schedule.intended_date_kwarg);
    return image;
}

}  // namespace core
