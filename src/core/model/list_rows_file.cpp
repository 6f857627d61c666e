#include "core/model/list_rows_file.h"

namespace core {

const char* ScheduleFileColumnName(ScheduleColumn column) {
    switch (column) {
        case ScheduleColumn::Id: return "id";
        case ScheduleColumn::Name: return "name";
        case ScheduleColumn::Func: return "func";
        case ScheduleColumn::Type: return "schedule_type";
        case ScheduleColumn::Repeats: return "repeats";
        case ScheduleColumn::Cluster: return "cluster";
        case ScheduleColumn::NextRun: return "next_run";
        case ScheduleColumn::LastRun: return "last_run";
        case ScheduleColumn::Success: return "success";
    }
    return "";
}

std::optional<std::string> ScheduleFileCell(const ScheduleListRow& row, ScheduleColumn column) {
    switch (column) {
        case ScheduleColumn::Id: return std::to_string(row.id);
        case ScheduleColumn::Name: return row.name;
        case ScheduleColumn::Func: return row.func;
        case ScheduleColumn::Type: return row.schedule_type;
        case ScheduleColumn::Repeats: return std::to_string(row.repeats);
        case ScheduleColumn::Cluster: return row.cluster;
        case ScheduleColumn::NextRun: return row.next_run;
        case ScheduleColumn::LastRun: return row.last_run_name;
        case ScheduleColumn::Success:
            if (!row.last_run_success) return std::nullopt;
            return std::string(*row.last_run_success ? "success" : "failed");
    }
    return std::nullopt;
}

const char* QueuedFileColumnName(QueuedFileColumn column) {
    switch (column) {
        case QueuedFileColumn::Id: return "id";
        case QueuedFileColumn::Key: return "key";
        case QueuedFileColumn::Name: return "name";
        case QueuedFileColumn::Group: return "group";
        case QueuedFileColumn::Func: return "func";
        case QueuedFileColumn::Lock: return "lock";
        case QueuedFileColumn::LockState: return "lock_state";
        case QueuedFileColumn::TaskId: return "task_id";
    }
    return "";
}

std::optional<std::string> QueuedFileCell(const QueuedView& row, QueuedFileColumn column) {
    const auto from_package = [&](const std::string& value) { return row.package ? std::optional<std::string>(value) : std::nullopt; };
    switch (column) {
        case QueuedFileColumn::Id: return std::to_string(row.row.id);
        case QueuedFileColumn::Key: return row.row.key;
        case QueuedFileColumn::Name: return from_package(row.name);
        case QueuedFileColumn::Group: return from_package(row.group);
        case QueuedFileColumn::Func: return from_package(row.func);
        case QueuedFileColumn::Lock: return row.row.lock;
        case QueuedFileColumn::LockState: return std::string(LockStateName(row.lock.state));
        case QueuedFileColumn::TaskId: return from_package(row.task_id);
    }
    return std::nullopt;
}

}  // namespace core
