// The Django admin search over tasks (every word in name, func or group, case-insensitively) and the
// exact group and cluster filters, answered from memory. LIKE '%word%' can use no index, so at a
// million tasks SQLite reads the whole table per keystroke (300+ ms); here the three columns are
// held case-folded (names in one buffer with a bitset per byte value, funcs, groups and clusters as
// ids into small dictionaries) and a query reads the names holding all of a word's bytes plus a
// pass over the ids: a few milliseconds.
// A query's result is a set of rows: counts are popcounts, and pages are read by SQL that asks
// djq_task_match(rowid) (task_search.h) while it walks the list's order index.
//
// It also keeps the lists' orders (a column, then id), sorted in steps (task_search_order.cpp):
// stopped's right after the load, the others when first asked for. Pages in them, with or without
// a search, need no SQL index (making one blocks for seconds at a million tasks).
//
// This class knows no SQL: task_search.h fills it from the table and keeps it current.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model/stepped_sort.h"

namespace core {

// One django_q_task row as the index holds it. `successful` and `failed` are SQLite's
// `success = 1` and `success = 0`, so a row with neither is in neither list.
struct SearchableTask {
    std::int64_t rowid = 0;
    bool successful = false, failed = false;
    std::string_view name, func;
    std::optional<std::string_view> group, cluster;
    std::string_view started, stopped, id;  // for the orders
    std::optional<std::int64_t> attempt_count;
    // julianday(stopped) - julianday(started) as SQLite computes it (the list orders by that value,
    // whose rounding only SQLite's own arithmetic reproduces); nullopt for NULL.
    std::optional<double> time_taken;
};

// The columns the lists can order by in memory.
enum class OrderColumn { Stopped, Started, Name, Func, Group, Cluster, AttemptCount, TimeTaken };
constexpr std::size_t kOrderColumns = 8;

// Date ranges in microseconds (OrderKey), [from, until); nullopt: open.
struct OrderBounds {
    std::optional<std::int64_t> started_from, started_until, stopped_from, stopped_until;
};

struct TaskSearchCriteria {
    // The Successful list, the Failed one, or nullopt for both (All tasks).
    std::optional<bool> successful = true;
    std::vector<std::string> words;  // SplitSearchWords's words, as typed
    std::optional<std::string> group;    // exact; "" selects tasks without a group
    std::optional<std::string> cluster;  // exact
    std::optional<std::string> func;     // exact
    std::shared_ptr<const std::vector<std::int64_t>> among;  // only these rowids (sorted); null: any
    // Searching values too: per word, the rowids (sorted) whose decoded values hold it
    // (value_search.h). Shared, so a lookup made once compares equal to itself.
    std::vector<std::shared_ptr<const std::vector<std::int64_t>>> value_matches;
    bool operator==(const TaskSearchCriteria&) const = default;
};

class TaskSearchIndex {
public:
    TaskSearchIndex() { RequestOrder(OrderColumn::Stopped); }  // the lists' default order

    // Loading, in rowid order. Rows past loaded_through() are not held yet.
    void Load(const SearchableTask& task);
    void MarkComplete() { m_complete = true; }
    bool complete() const { return m_complete; }
    std::int64_t loaded_through() const { return m_loaded_through; }
    std::int64_t size() const { return m_live; }
    // The heap it holds, roughly (the vectors' and strings' capacities; the orders included).
    std::size_t MemoryBytes() const;

    // Changes to the table (its triggers): a changed row is dropped and put back. Rows the load has
    // not reached yet are left to it.
    void Put(const SearchableTask& task);
    void Remove(std::int64_t rowid);

    // Matches the criteria and keeps the result for Selected (a repeat of the last criteria over
    // unchanged rows costs nothing). Returns how many tasks match.
    std::int64_t Select(const TaskSearchCriteria& criteria);
    bool Selected(std::int64_t rowid) const;
    // Makes the next Select match again even for the same criteria (benchmarks: a new keystroke).
    void ForgetSelection() { m_selected_for.reset(); }
    // The rowids of the selected tasks, in rowid order.
    std::vector<std::int64_t> SelectedRowids() const;

    // Orders by a column then id, exactly as SQL orders them. OrderStep sorts a step of each
    // requested one (stopped's is requested from the start). A column whose values are not all in
    // a form whose order in memory is SQL's (dates: see OrderKey; ids: 32 hex digits) has none.
    void RequestOrder(OrderColumn column);
    bool OrderStep(std::size_t budget);  // true when no requested order is left to sort
    bool orderable(OrderColumn column) const;
    bool ordered(OrderColumn column) const;
    // Whether `bounds` can be checked in memory (their column's dates all have an OrderKey).
    bool bounds_usable(const OrderBounds& bounds) const;
    // Loaded, and every requested order built (or impossible): nothing left to do in the background.
    bool settled() const;
    // Microseconds of a "YYYY-MM-DD HH:MM:SS[.ffffff]" text whose text order is its time order
    // (Django's form: the fraction has 6 digits and is left out when zero); nullopt otherwise.
    static std::optional<std::int64_t> OrderKey(std::string_view datetime);
    // Of the selected tasks within `bounds`, the rowids at positions offset .. offset + limit in
    // the column's order (descending: largest first; the order must be built); and how many.
    std::vector<std::int64_t> SelectedInOrder(OrderColumn column, bool descending, std::int64_t offset, std::int64_t limit,
                                              const OrderBounds& bounds);
    std::int64_t CountSelected(const OrderBounds& bounds);

    // Counts and the date range of the tasks held (Summary's task figures), when every started and
    // stopped has an OrderKey (so the smallest key is the smallest text).
    struct Totals {
        std::int64_t successful = 0, failed = 0;
        std::optional<std::int64_t> first_started, last_stopped;
    };
    std::optional<Totals> ExactTotals() const;

    // The list filter's choices: each group's (or cluster's) number of successful or failed tasks.
    std::vector<std::pair<std::optional<std::string>, std::int64_t>> CountByValue(std::optional<bool> successful, bool cluster) const;

private:
    static constexpr std::uint32_t kNull = UINT32_MAX;

    struct Dictionary {
        std::vector<std::string> values, folded;
        // Looked up by string_view (a transparent hash): most lookups find a value, and make no string.
        struct Hash {
            using is_transparent = void;
            std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
        };
        std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids;
        std::uint32_t IdOf(std::optional<std::string_view> value);
        std::uint32_t Find(std::string_view value) const;  // kNull when absent
    };

    void Append(const SearchableTask& task);
    void AppendOrderKeys(const SearchableTask& task);

    struct Order {
        bool requested = false, built = false;
        std::optional<SteppedSort<std::uint32_t>> sorting;
        std::vector<std::uint32_t> sorted;  // slots [0, slots), in order
        std::size_t slots = 0;
        std::vector<std::uint32_t> tail;    // live slots appended since, in order (cached per version)
        std::optional<std::uint64_t> tail_version;
    };
    // Calls `use(less)` with the column's order (then id, as SQL's ORDER BY column, id) as a
    // comparator of slots: one comparator type per column, so a sort's inner loop has no switch.
    template <class Use>
    decltype(auto) WithOrderLess(OrderColumn column, Use&& use) const;
    std::string_view OriginalName(std::uint32_t slot) const;
    std::string_view FoldedName(std::size_t slot) const;  // as searched
    const std::vector<std::uint32_t>& SortedTail(OrderColumn column);
    bool WithinBounds(std::uint32_t slot, const OrderBounds& bounds) const;
    // Calls `visit(slot)` for every selected slot within `bounds`, in the column's order, until it
    // returns false.
    template <class Visit>
    void WalkSelected(OrderColumn column, bool descending, const OrderBounds& bounds, Visit&& visit);
    std::int64_t SlotOf(std::int64_t rowid) const;  // -1 when not held
    // Whether the last Select chose the slot (never a slot added since).
    bool SlotSelected(std::size_t slot) const {
        return slot / 64 < m_selected.size() && (m_selected[slot / 64] >> (slot % 64) & 1);
    }
    // Calls `visit(slot)` for each slot the last Select chose, in slot order.
    template <class Visit>
    void ForEachSelectedSlot(Visit&& visit) const { ForEachBit(m_selected, visit); }
    // Bitsets of slots, 64 to a word.
    template <class Visit>
    static void ForEachBit(const std::vector<std::uint64_t>& bits, Visit&& visit) {
        for (std::size_t i = 0; i < bits.size(); ++i)
            for (std::uint64_t rest = bits[i]; rest; rest &= rest - 1) visit(i * 64 + static_cast<std::size_t>(std::countr_zero(rest)));
    }
    static std::size_t CountBits(const std::vector<std::uint64_t>& bits) {
        std::size_t count = 0;
        for (const std::uint64_t word : bits) count += static_cast<std::size_t>(std::popcount(word));
        return count;
    }
    static void AndInto(std::vector<std::uint64_t>& bits, const std::vector<std::uint64_t>& other) {  // missing words are 0
        bits.resize(std::min(bits.size(), other.size()));
        for (std::size_t i = 0; i < bits.size(); ++i) bits[i] &= other[i];
    }
    // Slot `slot`'s piece of a buffer of consecutive pieces starting at `starts`.
    static std::string_view Piece(std::string_view buffer, const std::vector<std::uint32_t>& starts, std::size_t slot) {
        const std::size_t end = slot + 1 < starts.size() ? starts[slot + 1] : buffer.size();
        return buffer.substr(starts[slot], end - starts[slot]);
    }
    void SetSlot(std::int64_t rowid, std::int64_t slot);
    // Slots whose name, func or group contains the (folded) word.
    std::vector<std::uint64_t> WordMatches(std::string_view word) const;

    // Per slot: a slot is a row as loaded or as last put; a changed row takes a new slot.
    std::vector<std::int64_t> m_rowid;
    std::vector<std::uint8_t> m_state;  // 0 gone, 1 successful, 2 failed, 3 neither
    // Whether a slot's state is in the list: successful, failed, or either (nullopt).
    static bool InList(std::uint8_t state, std::optional<bool> successful) {
        return successful ? state == (*successful ? 1 : 2) : state == 1 || state == 2;
    }
    std::vector<std::uint32_t> m_name_start;
    std::vector<std::uint32_t> m_func, m_group, m_cluster;
    std::string m_names;  // every slot's name, ASCII-folded, each ended by '\0'
    // Per byte value, the slots whose folded name holds it (sized to the last such slot): a word's
    // candidates are the slots holding all its bytes, so a search reads few names, and a
    // one-character search none.
    std::array<std::vector<std::uint64_t>, 256> m_name_bytes;
    std::string m_original_names;          // the names as stored, for their order
    std::vector<std::uint32_t> m_original_start;
    std::vector<std::int64_t> m_started, m_stopped;  // OrderKey of each
    std::vector<std::int64_t> m_attempts;            // INT64_MIN for NULL (first, as in SQL)
    std::vector<double> m_time_taken;                // -infinity for NULL (first, as in SQL)
    std::vector<std::uint64_t> m_id_high, m_id_low;  // the 32 hex digits of the id
    Dictionary m_funcs, m_groups, m_clusters;

    // rowid -> slot: a vector over the dense rowid range the load saw, a map for the rest.
    std::int64_t m_first_rowid = 0;
    std::vector<std::int32_t> m_slot_by_rowid;
    std::unordered_map<std::int64_t, std::int64_t> m_sparse_slots;

    std::int64_t m_loaded_through = 0, m_live = 0;
    bool m_complete = false;
    std::uint64_t m_version = 0;  // bumped by every change, so a cached selection is redone

    // Whether every value seen has an OrderKey / is 32 lower-case hex digits.
    bool m_started_orderable = true, m_stopped_orderable = true, m_ids_orderable = true;
    std::array<Order, kOrderColumns> m_orders;

    std::optional<TaskSearchCriteria> m_selected_for;
    std::uint64_t m_selected_version = 0;
    std::vector<std::uint64_t> m_selected;  // bit per slot
    std::int64_t m_selected_count = 0;
};

}  // namespace core
