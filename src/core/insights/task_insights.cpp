#include "core/insights/task_insights.h"

#include <algorithm>
#include <cstdio>

#include "core/model/decoded_value.h"
#include "core/sched/local_time.h"
#include "core/model/task_query.h"

namespace core {
namespace {

constexpr UnixMicros kMicrosPerHour = 3'600'000'000LL;
constexpr UnixMicros kMicrosPerQuarterHour = kMicrosPerHour / 4;
// A bar chart of more buckets is unreadable, and a damaged date (year 1) must not make millions.
constexpr std::int64_t kMaxBuckets = 10'000;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

void KeepEarliest(std::optional<UnixMicros>& kept, std::optional<UnixMicros> t) {
    if (t && (!kept || *t < *kept)) kept = t;
}
void KeepLatest(std::optional<UnixMicros>& kept, std::optional<UnixMicros> t) {
    if (t && (!kept || *t > *kept)) kept = t;
}

// A bucket's number: its wall-clock start is BucketLocalStart of it.
std::int64_t BucketOf(Bucket bucket, UnixMicros local) {
    const std::int64_t day = FloorDiv(local, kMicrosPerDay);
    switch (bucket) {
        case Bucket::Hour: return FloorDiv(local, kMicrosPerHour);
        case Bucket::Day: return day;
        case Bucket::Week: return FloorDiv(day + 3, 7);  // 1970-01-01 was a Thursday: day + 3 counts from a Monday
    }
    return day;
}
UnixMicros BucketLocalStart(Bucket bucket, std::int64_t number) {
    switch (bucket) {
        case Bucket::Hour: return number * kMicrosPerHour;
        case Bucket::Day: return number * kMicrosPerDay;
        case Bucket::Week: return (number * 7 - 3) * kMicrosPerDay;
    }
    return 0;
}
// The first instant the wall clock shows `local` or later (a start in a DST gap moves to its end).
UnixMicros UtcOfLocal(const TimeZone& zone, UnixMicros local) {
    for (UnixMicros probe = local; probe < local + kMicrosPerDay; probe += kMicrosPerQuarterHour)
        if (auto instants = zone.FromLocal(probe); !instants.empty()) return instants.front();
    return local - zone.OffsetSecondsAt(local) * 1'000'000LL;
}

}  // namespace

std::string SecondsText(UnixMicros micros) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(micros) / 1e6);
    return text;
}

std::string PercentText(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", 100.0 * fraction);
    return text;
}

const char* BucketName(Bucket bucket) {
    switch (bucket) {
        case Bucket::Hour: return "hour";
        case Bucket::Day: return "day";
        case Bucket::Week: return "week";
    }
    return "day";
}

std::optional<Bucket> ParseBucket(std::string_view name) {
    for (Bucket bucket : {Bucket::Hour, Bucket::Day, Bucket::Week})
        if (name == BucketName(bucket)) return bucket;
    return std::nullopt;
}

std::string BucketLabel(const TimeZone& zone, Bucket bucket, const TimeBucket& time_bucket) {
    const std::string local = FormatLocalSeconds(zone, time_bucket.start);  // "YYYY-MM-DD HH:MM:SS"
    return bucket == Bucket::Hour ? local.substr(0, 13) + ":00" : local.substr(0, 10);
}

Bucket AutomaticBucket(UnixMicros first, UnixMicros last) {
    const UnixMicros span = last - first;
    if (span <= 3 * kMicrosPerDay) return Bucket::Hour;
    if (span <= 120 * kMicrosPerDay) return Bucket::Day;
    return Bucket::Week;
}

Result<bool> TaskInsightsScan::Step(Export& export_, std::int64_t max_rows) {
    if (m_done) return true;
    if (m_rows_done) return m_done = FinishStep(max_rows);
    auto step = NextRowidStep(export_, m_read_through, max_rows);
    if (!step) return step.error();
    if (!step.value()) {
        m_rows_done = true;
        m_finish_at = m_funcs.begin();
        return m_done = FinishStep(max_rows);
    }
    // Results, ids and names only of failures: a successful task's result is never looked at. The
    // tasks of the admin's two lists only (All tasks'), not a row whose success is neither 1 nor 0.
    const std::string attempts = export_.schema.task_attempt_count ? "attempt_count" : "1";
    auto stmt = export_.db.Prepare("SELECT rowid, func, started, stopped, success = 1, " + attempts +
                                   ", CASE WHEN success = 1 THEN NULL ELSE result END, CASE WHEN success = 1 THEN NULL ELSE id END, "
                                   "CASE WHEN success = 1 THEN NULL ELSE name END FROM django_q_task WHERE rowid > ?1 AND rowid <= ?2 AND success IN (0, 1) ORDER BY rowid");
    if (!stmt) return stmt.error();
    stmt->Bind(1, m_read_through).Bind(2, step.value()->through);
    // A failure's result is decoded and its traceback reduced to a signature: about ten rows'
    // work. A step stops at `max_rows` rows' work, so one that meets a burst of failures ends
    // early, after the row it read last, instead of running long.
    constexpr std::int64_t kFailureWork = 10;
    std::int64_t work = 0;
    std::int64_t read_through = step.value()->through;
    while (true) {
        if (work >= max_rows) {
            read_through = m_read_through;
            break;
        }
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) break;
        m_read_through = stmt->Int(0);
        ++m_rows_read;
        const auto started = ParseDjangoDatetime(stmt->OptionalText(2).value_or(""));
        const auto stopped = ParseDjangoDatetime(stmt->OptionalText(3).value_or(""));
        const bool success = stmt->Int(4) != 0;
        std::string func = stmt->OptionalText(1).value_or("");
        if (!success)
            AddFailure(stmt->Int(0), func, stopped, stmt->OptionalText(6), stmt->OptionalText(7).value_or(""), stmt->OptionalText(8).value_or(""));
        AddTask(std::move(func), started, stopped, success, stmt->IsNull(5) ? 1 : stmt->Int(5));
        work += success ? 1 : kFailureWork;
    }
    m_read_through = read_through;
    return false;
}

void TaskInsightsScan::AddTask(std::string func, std::optional<UnixMicros> started, std::optional<UnixMicros> stopped,
                               bool success, std::int64_t attempts) {
    ++m_tasks;
    m_failures += !success;
    KeepEarliest(m_first_started, started);
    KeepLatest(m_last_stopped, stopped);
    Func& f = m_funcs[std::move(func)];
    FuncMetrics& metrics = f.metrics;
    ++metrics.runs;
    metrics.failures += !success;
    metrics.attempts += attempts;
    KeepEarliest(metrics.first_started, started);
    KeepLatest(metrics.last_stopped, stopped);
    if (started && stopped) {
        f.taken.push_back(*stopped - *started);
        f.taken_bands.Add(*stopped - *started);
        m_all_taken.Add(*stopped - *started);
    }
    if (stopped) {
        Counts& counts = m_per_quarter_hour[FloorDiv(*stopped, kMicrosPerQuarterHour)];
        (success ? counts.successes : counts.failures) += 1;
        ++f.runs_per_hour[FloorDiv(*stopped, kMicrosPerHour)];
    }
}

void TaskInsightsScan::AddFailure(std::int64_t rowid, const std::string& func, std::optional<UnixMicros> stopped,
                                  const std::optional<std::string>& result, std::string id, std::string name) {
    ReprOptions options;
    options.max_output = 64 * 1024;  // a traceback's end is what matters; a huge value is cut
    auto decoded = DecodeStoredValue(result, options);
    std::string text;
    if (!decoded)
        text = "<cannot decode the result: " + decoded.error().Describe() + ">";
    else if (decoded->has_value())
        text = decoded->value().text ? *decoded->value().text : decoded->value().repr;
    m_failed_tasks.push_back({rowid, id, stopped});
    FailureSignature signature = SignatureOfFailure(text);
    auto [at, added] = m_group_of_key.emplace(signature.Key(), m_groups.size());
    if (added) m_groups.emplace_back();
    Group& entry = m_groups[at->second];
    FailureGroup& group = entry.group;
    ++group.count;
    ++entry.funcs[func];
    group.rowids.push_back(rowid);
    KeepEarliest(group.first_seen, stopped);
    // The newest failure is the example (the first one read until a dated one comes).
    if (added || (stopped && (!group.last_seen || *stopped >= *group.last_seen))) {
        group.signature = std::move(signature);
        group.example_id = std::move(id);
        group.example_name = std::move(name);
        group.example_result = std::move(text);
    }
    KeepLatest(group.last_seen, stopped);
}

bool TaskInsightsScan::FinishStep(std::int64_t max_rows) {
    // A value costs about a 25th of a row (djq_bench --only insights shows the longest step).
    constexpr std::size_t kValuesPerRow = 25;
    const std::size_t budget = static_cast<std::size_t>(std::max<std::int64_t>(max_rows, 1)) * kValuesPerRow;
    std::size_t values = 0;
    // Feeds the current func's values to `selection` from where the last step stopped, as many as
    // the budget leaves; true once they are all fed.
    const auto feed = [&](BandSelection& selection) {
        const std::vector<UnixMicros>& taken = m_finish_at->second.taken;
        const std::size_t piece = std::min(taken.size() - m_finish_offset, budget - values);
        selection.Feed(std::span(taken).subspan(m_finish_offset, piece));
        values += piece;
        m_finish_offset += piece;
        if (m_finish_offset < taken.size()) return false;
        m_finish_offset = 0;
        return true;
    };
    if (!m_all_taken_done) {  // every func's values, for all tasks' percentiles
        if (!m_selection) m_selection.emplace(m_all_taken);
        while (m_finish_at != m_funcs.end() && values < budget)
            if (feed(*m_selection)) ++m_finish_at;
        if (m_finish_at != m_funcs.end()) return false;
        m_time_taken = m_selection->Finish();
        m_selection.reset();
        m_all_taken_done = true;
        m_finish_at = m_funcs.begin();
        return false;
    }
    while (m_finish_at != m_funcs.end() && values < budget) {  // then each func's own
        Func& f = m_finish_at->second;
        if (!m_selection) m_selection.emplace(f.taken_bands);
        if (!feed(*m_selection)) break;  // the budget is spent
        f.metrics.time_taken = m_selection->Finish();
        m_selection.reset();
        f.taken = {};
        ++m_finish_at;
    }
    return m_finish_at == m_funcs.end();
}

TaskInsights TaskInsightsScan::Summarise(const TimeZone& zone, std::optional<Bucket> chosen) const {
    TaskInsights out;
    out.tasks = m_tasks;
    out.failures = m_failures;
    out.first_started = m_first_started;
    out.last_stopped = m_last_stopped;
    out.time_taken = m_time_taken;

    // Buckets: each quarter hour falls wholly in one bucket of any zone's wall clock.
    const UnixMicros first_stop = m_per_quarter_hour.empty() ? 0 : m_per_quarter_hour.begin()->first * kMicrosPerQuarterHour;
    const UnixMicros last_stop = m_per_quarter_hour.empty() ? 0 : m_per_quarter_hour.rbegin()->first * kMicrosPerQuarterHour;
    out.bucket = chosen.value_or(AutomaticBucket(first_stop, last_stop));
    if (!m_per_quarter_hour.empty()) {
        std::map<std::int64_t, Counts> per_bucket;
        for (const auto& [quarter, counts] : m_per_quarter_hour) {
            Counts& sum = per_bucket[BucketOf(out.bucket, zone.ToLocal(quarter * kMicrosPerQuarterHour))];
            sum.successes += counts.successes;
            sum.failures += counts.failures;
        }
        const std::int64_t last = per_bucket.rbegin()->first;
        const std::int64_t first = std::max(per_bucket.begin()->first, last - kMaxBuckets + 1);
        for (std::int64_t number = first; number <= last; ++number) {
            TimeBucket bucket;
            bucket.start = UtcOfLocal(zone, BucketLocalStart(out.bucket, number));
            bucket.end = UtcOfLocal(zone, BucketLocalStart(out.bucket, number + 1));
            if (auto it = per_bucket.find(number); it != per_bucket.end()) {
                bucket.successes = it->second.successes;
                bucket.failures = it->second.failures;
            }
            out.buckets.push_back(bucket);
        }
    }

    // Funcs, their sparklines on one time axis: the hours from the first stop to the last.
    const std::int64_t first_hour = FloorDiv(first_stop, kMicrosPerHour), hours = FloorDiv(last_stop, kMicrosPerHour) - first_hour + 1;
    for (const auto& [name, f] : m_funcs) {
        FuncMetrics metrics = f.metrics;
        metrics.func = name;
        metrics.sparkline.assign(kSparklinePoints, 0);
        for (const auto& [hour, runs] : f.runs_per_hour)
            metrics.sparkline[static_cast<std::size_t>((hour - first_hour) * kSparklinePoints / hours)] += runs;
        out.funcs.push_back(std::move(metrics));
    }
    std::stable_sort(out.funcs.begin(), out.funcs.end(), [](const FuncMetrics& a, const FuncMetrics& b) { return a.runs > b.runs; });

    for (const Group& entry : m_groups) {
        FailureGroup group = entry.group;
        group.funcs.assign(entry.funcs.begin(), entry.funcs.end());
        std::stable_sort(group.funcs.begin(), group.funcs.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        out.failure_groups.push_back(std::move(group));
    }
    std::stable_sort(out.failure_groups.begin(), out.failure_groups.end(), [](const FailureGroup& a, const FailureGroup& b) {
        if (a.count != b.count) return a.count > b.count;
        return a.last_seen > b.last_seen;
    });
    return out;
}

Result<TaskInsights> ComputeTaskInsights(Export& export_, const TimeZone& zone, std::optional<Bucket> bucket) {
    TaskInsightsScan scan;
    while (true) {
        auto done = scan.Step(export_, INT64_MAX);
        if (!done) return done.error();
        if (done.value()) break;
    }
    return scan.Summarise(zone, bucket);
}

}  // namespace core
