// TaskSearchIndex's orders (a column, then id) and its in-memory group and cluster counts.
#include <algorithm>
#include <limits>
#include <numeric>

#include "core/model/task_search_index.h"
#include "core/sched/timestamp.h"

namespace core {
namespace {

bool Digits(std::string_view text, std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return true;
}

unsigned Number(std::string_view text, std::size_t from, std::size_t count) {
    unsigned value = 0;
    for (std::size_t i = from; i < from + count; ++i) value = value * 10 + static_cast<unsigned>(text[i] - '0');
    return value;
}

// 32 lower-case hex digits (a uuid4's hex, as Django Q makes task ids) order as two numbers.
bool HexId(std::string_view id, std::uint64_t& high, std::uint64_t& low) {
    if (id.size() != 32) return false;
    high = low = 0;
    for (std::size_t i = 0; i < 32; ++i) {
        const char c = id[i];
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0) return false;
        std::uint64_t& half = i < 16 ? high : low;
        half = half << 4 | static_cast<std::uint64_t>(digit);
    }
    return true;
}

}  // namespace

std::optional<std::int64_t> TaskSearchIndex::OrderKey(std::string_view text) {
    if (text.size() != 19 && text.size() != 26) return std::nullopt;
    if (!Digits(text, 0, 4) || text[4] != '-' || !Digits(text, 5, 2) || text[7] != '-' || !Digits(text, 8, 2) || text[10] != ' ' ||
        !Digits(text, 11, 2) || text[13] != ':' || !Digits(text, 14, 2) || text[16] != ':' || !Digits(text, 17, 2))
        return std::nullopt;
    // ".000000" would tie with no fraction in time but not in text.
    if (text.size() == 26 && (text[19] != '.' || !Digits(text, 20, 6) || text.substr(20) == "000000")) return std::nullopt;
    const unsigned month = Number(text, 5, 2), day = Number(text, 8, 2);
    if (month < 1 || month > 12 || day < 1 || Number(text, 11, 2) > 23 || Number(text, 14, 2) > 59 || Number(text, 17, 2) > 59)
        return std::nullopt;
    const auto micros = ParseDjangoDatetime(text);
    if (!micros) return std::nullopt;
    // A day past the month's end would order by its text but not by its time.
    if (day > 28 && FormatDjangoDatetime(*micros) != text) return std::nullopt;
    return micros;
}

void TaskSearchIndex::AppendOrderKeys(const SearchableTask& task) {
    const auto started = OrderKey(task.started), stopped = OrderKey(task.stopped);
    std::uint64_t high = 0, low = 0;
    m_started_orderable = m_started_orderable && started;
    m_stopped_orderable = m_stopped_orderable && stopped;
    m_ids_orderable = m_ids_orderable && HexId(task.id, high, low);
    m_started.push_back(started.value_or(0));
    m_stopped.push_back(stopped.value_or(0));
    m_attempts.push_back(task.attempt_count.value_or(INT64_MIN));
    m_time_taken.push_back(task.time_taken.value_or(-std::numeric_limits<double>::infinity()));
    m_id_high.push_back(high);
    m_id_low.push_back(low);
    m_original_start.push_back(static_cast<std::uint32_t>(m_original_names.size()));
    m_original_names += task.name;
}

std::string_view TaskSearchIndex::OriginalName(std::uint32_t slot) const { return Piece(m_original_names, m_original_start, slot); }

template <class Use>
decltype(auto) TaskSearchIndex::WithOrderLess(OrderColumn column, Use&& use) const {
    const auto id_less = [this](std::uint32_t a, std::uint32_t b) {
        return m_id_high[a] != m_id_high[b] ? m_id_high[a] < m_id_high[b] : m_id_low[a] < m_id_low[b];
    };
    // Each comparator orders by the column, then by id. Numbers tie when neither is less.
    const auto by_number = [&](const auto& keys) {
        return use([&keys, id_less](std::uint32_t a, std::uint32_t b) {
            if (keys[a] < keys[b]) return true;
            if (keys[b] < keys[a]) return false;
            return id_less(a, b);
        });
    };
    // A dictionary value, NULL first as SQL sorts it; texts compare bytewise as SQLite's BINARY.
    const auto by_value = [&](const std::vector<std::uint32_t>& ids, const Dictionary& dictionary) {
        return use([&ids, &dictionary, id_less](std::uint32_t a, std::uint32_t b) {
            const std::uint32_t x = ids[a], y = ids[b];
            if (x == y) return id_less(a, b);
            if (x == kNull || y == kNull) return x == kNull;
            return dictionary.values[x] < dictionary.values[y];  // distinct ids are distinct texts
        });
    };
    switch (column) {
        case OrderColumn::Stopped: return by_number(m_stopped);
        case OrderColumn::Started: return by_number(m_started);
        case OrderColumn::AttemptCount: return by_number(m_attempts);
        case OrderColumn::TimeTaken: return by_number(m_time_taken);
        case OrderColumn::Func: return by_value(m_func, m_funcs);
        case OrderColumn::Group: return by_value(m_group, m_groups);
        case OrderColumn::Cluster: return by_value(m_cluster, m_clusters);
        case OrderColumn::Name: break;
    }
    return use([this, id_less](std::uint32_t a, std::uint32_t b) {
        const int compared = OriginalName(a).compare(OriginalName(b));
        return compared != 0 ? compared < 0 : id_less(a, b);
    });
}

void TaskSearchIndex::RequestOrder(OrderColumn column) { m_orders[static_cast<std::size_t>(column)].requested = true; }

bool TaskSearchIndex::orderable(OrderColumn column) const {
    if (!m_ids_orderable) return false;
    if (column == OrderColumn::Started) return m_started_orderable;
    if (column == OrderColumn::Stopped) return m_stopped_orderable;
    return true;
}

bool TaskSearchIndex::ordered(OrderColumn column) const {
    return m_orders[static_cast<std::size_t>(column)].built && orderable(column);
}

bool TaskSearchIndex::bounds_usable(const OrderBounds& bounds) const {
    return ((!bounds.started_from && !bounds.started_until) || m_started_orderable) &&
           ((!bounds.stopped_from && !bounds.stopped_until) || m_stopped_orderable);
}

bool TaskSearchIndex::settled() const {
    if (!m_complete) return false;
    for (std::size_t i = 0; i < kOrderColumns; ++i) {
        const Order& order = m_orders[i];
        if (order.requested && !order.built && orderable(static_cast<OrderColumn>(i))) return false;
    }
    return true;
}

bool TaskSearchIndex::OrderStep(std::size_t budget) {
    if (!m_complete) return false;
    for (std::size_t i = 0; i < kOrderColumns; ++i) {
        const auto column = static_cast<OrderColumn>(i);
        Order& order = m_orders[i];
        if (!order.requested || order.built || !orderable(column)) continue;
        if (!order.sorting) {
            std::vector<std::uint32_t> slots(m_rowid.size());
            std::iota(slots.begin(), slots.end(), 0u);
            order.slots = slots.size();
            order.sorting.emplace(std::move(slots));
        }
        if (!WithOrderLess(column, [&](const auto& less) { return order.sorting->Step(budget, less); })) return false;
        order.sorted = order.sorting->Take();
        order.sorting.reset();
        order.built = true;
        return settled();
    }
    return true;
}

const std::vector<std::uint32_t>& TaskSearchIndex::SortedTail(OrderColumn column) {
    Order& order = m_orders[static_cast<std::size_t>(column)];
    if (order.tail_version == m_version) return order.tail;
    order.tail.clear();
    for (std::size_t slot = order.slots; slot < m_rowid.size(); ++slot)
        if (m_state[slot] != 0) order.tail.push_back(static_cast<std::uint32_t>(slot));
    WithOrderLess(column, [&](const auto& less) { std::sort(order.tail.begin(), order.tail.end(), less); });
    order.tail_version = m_version;
    return order.tail;
}

bool TaskSearchIndex::WithinBounds(std::uint32_t slot, const OrderBounds& bounds) const {
    const auto within = [](std::int64_t key, const std::optional<std::int64_t>& from, const std::optional<std::int64_t>& until) {
        return (!from || key >= *from) && (!until || key < *until);
    };
    return within(m_started[slot], bounds.started_from, bounds.started_until) && within(m_stopped[slot], bounds.stopped_from, bounds.stopped_until);
}

template <class Visit>
void TaskSearchIndex::WalkSelected(OrderColumn column, bool descending, const OrderBounds& bounds, Visit&& visit) {
    const Order& order = m_orders[static_cast<std::size_t>(column)];
    const auto& tail = SortedTail(column);
    // A date column's own bounds narrow the walk to their positions in each sorted sequence.
    const std::vector<std::int64_t>* keys = column == OrderColumn::Stopped ? &m_stopped : column == OrderColumn::Started ? &m_started : nullptr;
    const auto& from = column == OrderColumn::Stopped ? bounds.stopped_from : bounds.started_from;
    const auto& until = column == OrderColumn::Stopped ? bounds.stopped_until : bounds.started_until;
    const auto range = [&](const std::vector<std::uint32_t>& slots) {
        if (!keys) return std::pair<std::size_t, std::size_t>(0, slots.size());
        const auto at = [&](std::int64_t key) {
            return static_cast<std::size_t>(
                std::lower_bound(slots.begin(), slots.end(), key, [&](std::uint32_t slot, std::int64_t k) { return (*keys)[slot] < k; }) -
                slots.begin());
        };
        return std::pair<std::size_t, std::size_t>(from ? at(*from) : 0, until ? at(*until) : slots.size());
    };
    // Plain variables, not structured bindings: clang 14 (Emscripten's) cannot capture those.
    const auto main_range = range(order.sorted), tail_range = range(tail);
    const std::size_t main_begin = main_range.first, main_end = main_range.second;
    const std::size_t tail_begin = tail_range.first, tail_end = tail_range.second;
    const auto wanted = [&](std::uint32_t slot) {
        return SlotSelected(slot) && WithinBounds(slot, bounds);
    };
    // Merges the built order with the tail, from the chosen end.
    WithOrderLess(column, [&](const auto& less) {
        std::size_t i = descending ? main_end : main_begin, j = descending ? tail_end : tail_begin;
        while (descending ? (i > main_begin || j > tail_begin) : (i < main_end || j < tail_end)) {
            std::uint32_t slot;
            if (descending) {
                const bool take_main = j == tail_begin || (i > main_begin && less(tail[j - 1], order.sorted[i - 1]));
                slot = take_main ? order.sorted[--i] : tail[--j];
            } else {
                const bool take_main = j == tail_end || (i < main_end && less(order.sorted[i], tail[j]));
                slot = take_main ? order.sorted[i++] : tail[j++];
            }
            if (wanted(slot) && !visit(slot)) return;
        }
    });
}

std::vector<std::int64_t> TaskSearchIndex::SelectedInOrder(OrderColumn column, bool descending, std::int64_t offset, std::int64_t limit,
                                                           const OrderBounds& bounds) {
    std::vector<std::int64_t> rowids;
    if (limit <= 0) return rowids;
    std::int64_t skipped = 0;
    WalkSelected(column, descending, bounds, [&](std::uint32_t slot) {
        if (skipped < offset) {
            ++skipped;
            return true;
        }
        rowids.push_back(m_rowid[slot]);
        return static_cast<std::int64_t>(rowids.size()) < limit;
    });
    return rowids;
}

std::int64_t TaskSearchIndex::CountSelected(const OrderBounds& bounds) {
    if (!bounds.started_from && !bounds.started_until && !bounds.stopped_from && !bounds.stopped_until) return m_selected_count;
    std::int64_t count = 0;
    ForEachSelectedSlot([&](std::size_t slot) { count += WithinBounds(static_cast<std::uint32_t>(slot), bounds); });
    return count;
}

std::optional<TaskSearchIndex::Totals> TaskSearchIndex::ExactTotals() const {
    if (!m_started_orderable || !m_stopped_orderable) return std::nullopt;
    Totals totals;
    for (std::size_t slot = 0; slot < m_state.size(); ++slot) {
        if (m_state[slot] == 0) continue;
        totals.successful += m_state[slot] == 1;
        totals.failed += m_state[slot] == 2;
        if (!totals.first_started || m_started[slot] < *totals.first_started) totals.first_started = m_started[slot];
        if (!totals.last_stopped || m_stopped[slot] > *totals.last_stopped) totals.last_stopped = m_stopped[slot];
    }
    return totals;
}

std::vector<std::pair<std::optional<std::string>, std::int64_t>> TaskSearchIndex::CountByValue(std::optional<bool> successful, bool cluster) const {
    const Dictionary& dictionary = cluster ? m_clusters : m_groups;
    const std::vector<std::uint32_t>& ids = cluster ? m_cluster : m_group;
    std::vector<std::int64_t> counts(dictionary.values.size() + 1, 0);  // the last one counts NULL
    for (std::size_t slot = 0; slot < ids.size(); ++slot)
        if (InList(m_state[slot], successful)) ++counts[ids[slot] == kNull ? dictionary.values.size() : ids[slot]];
    std::vector<std::pair<std::optional<std::string>, std::int64_t>> result;
    for (std::size_t id = 0; id < counts.size(); ++id) {
        if (counts[id] == 0) continue;
        result.emplace_back(id < dictionary.values.size() ? std::optional<std::string>(dictionary.values[id]) : std::nullopt, counts[id]);
    }
    // As SQL's ORDER BY count(*) DESC, value: NULL first among equals, then bytewise.
    std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    return result;
}

}  // namespace core
