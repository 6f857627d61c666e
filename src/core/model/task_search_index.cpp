#include "core/model/task_search_index.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace core {
namespace {

// SQLite's LIKE folds ASCII letters only, and reads text as a C string (up to a NUL).
// Appends the text up to a NUL, ASCII letters lower-cased (as SQLite's LIKE compares).
void AppendFolded(std::string& out, std::string_view text) {
    const std::size_t start = out.size();
    out.append(text.substr(0, text.find('\0')));
    for (std::size_t i = start; i < out.size(); ++i)
        if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] - 'A' + 'a');
}

std::string Folded(std::string_view text) {
    std::string folded;
    AppendFolded(folded, text);
    return folded;
}

void SetBit(std::vector<std::uint64_t>& bits, std::size_t slot) { bits[slot / 64] |= std::uint64_t{1} << (slot % 64); }

// The rowid -> slot vector grows over gaps up to this size; rowids further off go to the map.
constexpr std::int64_t kMaxRowidGap = 4096;

}  // namespace

std::uint32_t TaskSearchIndex::Dictionary::IdOf(std::optional<std::string_view> value) {
    if (!value) return kNull;
    if (const auto found = ids.find(*value); found != ids.end()) return found->second;  // no string made
    const auto id = static_cast<std::uint32_t>(values.size());
    ids.emplace(std::string(*value), id);
    values.emplace_back(*value);
    folded.push_back(Folded(*value));
    return id;
}

std::uint32_t TaskSearchIndex::Dictionary::Find(std::string_view value) const {
    auto found = ids.find(value);
    return found == ids.end() ? kNull : found->second;
}

void TaskSearchIndex::Load(const SearchableTask& task) {
    Append(task);
    m_loaded_through = std::max(m_loaded_through, task.rowid);
}

void TaskSearchIndex::Put(const SearchableTask& task) {
    if (!m_complete && task.rowid > m_loaded_through) return;
    Remove(task.rowid);
    Append(task);
}

void TaskSearchIndex::Remove(std::int64_t rowid) {
    const std::int64_t slot = SlotOf(rowid);
    if (slot < 0) return;
    if (m_state[static_cast<std::size_t>(slot)] != 0) --m_live;
    m_state[static_cast<std::size_t>(slot)] = 0;
    SetSlot(rowid, -1);
    ++m_version;
}

void TaskSearchIndex::Append(const SearchableTask& task) {
    const auto slot = static_cast<std::int64_t>(m_rowid.size());
    m_rowid.push_back(task.rowid);
    m_state.push_back(task.successful ? 1 : task.failed ? 2 : 3);
    const std::size_t name_start = m_names.size();
    m_name_start.push_back(static_cast<std::uint32_t>(name_start));
    AppendFolded(m_names, task.name);
    for (std::size_t i = name_start; i < m_names.size(); ++i) {
        auto& bits = m_name_bytes[static_cast<unsigned char>(m_names[i])];
        if (bits.size() <= static_cast<std::size_t>(slot) / 64) bits.resize(static_cast<std::size_t>(slot) / 64 + 1, 0);
        SetBit(bits, static_cast<std::size_t>(slot));
    }
    m_names += '\0';
    m_func.push_back(m_funcs.IdOf(task.func));
    m_group.push_back(m_groups.IdOf(task.group));
    m_cluster.push_back(m_clusters.IdOf(task.cluster));
    AppendOrderKeys(task);
    SetSlot(task.rowid, slot);
    ++m_live;
    ++m_version;
}

std::size_t TaskSearchIndex::MemoryBytes() const {
    const auto bytes = [](const auto& vector) { return vector.capacity() * sizeof(vector[0]); };
    std::size_t total = bytes(m_rowid) + bytes(m_state) + bytes(m_name_start) + bytes(m_func) + bytes(m_group) + bytes(m_cluster) +
                        m_names.capacity() + bytes(m_slot_by_rowid) + bytes(m_selected) + m_sparse_slots.size() * 32 +
                        m_original_names.capacity() + bytes(m_original_start) + bytes(m_started) + bytes(m_stopped) +
                        bytes(m_attempts) + bytes(m_time_taken) + bytes(m_id_high) + bytes(m_id_low);
    for (const Order& order : m_orders) total += bytes(order.sorted) + bytes(order.tail);
    for (const auto& holding : m_name_bytes) total += bytes(holding);
    for (const Dictionary* dictionary : {&m_funcs, &m_groups, &m_clusters})
        for (const auto& value : dictionary->values) total += 3 * (value.capacity() + 32);  // value, folded, map key
    return total;
}

std::string_view TaskSearchIndex::FoldedName(std::size_t slot) const {
    std::string_view name = Piece(m_names, m_name_start, slot);
    name.remove_suffix(1);  // its '\0'
    return name;
}

std::int64_t TaskSearchIndex::SlotOf(std::int64_t rowid) const {
    const std::int64_t at = rowid - m_first_rowid;
    if (at >= 0 && at < static_cast<std::int64_t>(m_slot_by_rowid.size())) return m_slot_by_rowid[static_cast<std::size_t>(at)];
    auto found = m_sparse_slots.find(rowid);
    return found == m_sparse_slots.end() ? -1 : found->second;
}

void TaskSearchIndex::SetSlot(std::int64_t rowid, std::int64_t slot) {
    if (m_slot_by_rowid.empty() && m_sparse_slots.empty()) m_first_rowid = rowid;
    const std::int64_t at = rowid - m_first_rowid, end = static_cast<std::int64_t>(m_slot_by_rowid.size());
    if (at >= 0 && at < end) {
        m_slot_by_rowid[static_cast<std::size_t>(at)] = static_cast<std::int32_t>(slot);
        return;
    }
    if (at >= end && at - end <= kMaxRowidGap && slot <= INT32_MAX) {
        m_slot_by_rowid.resize(static_cast<std::size_t>(at + 1), -1);
        m_slot_by_rowid[static_cast<std::size_t>(at)] = static_cast<std::int32_t>(slot);
        return;
    }
    if (slot < 0) m_sparse_slots.erase(rowid);
    else m_sparse_slots[rowid] = slot;
}

std::vector<std::uint64_t> TaskSearchIndex::WordMatches(std::string_view word) const {
    const std::size_t slots = m_rowid.size();
    std::vector<std::uint64_t> bits((slots + 63) / 64, 0);
    if (word.empty()) {  // LIKE '%%' matches any text, and name is never NULL
        for (std::size_t s = 0; s < slots; ++s) SetBit(bits, s);
        return bits;
    }
    // Funcs and groups repeat: each distinct value is searched once.
    const auto contains = [&](const std::vector<std::string>& values) {
        std::vector<std::uint8_t> hit(values.size() + 1, 0);  // the last entry stands for NULL
        for (std::size_t i = 0; i < values.size(); ++i) hit[i] = values[i].find(word) != std::string::npos;
        return hit;
    };
    const auto func_hit = contains(m_funcs.folded), group_hit = contains(m_groups.folded);
    const std::size_t null_group = m_groups.folded.size();
    for (std::size_t s = 0; s < slots; ++s) {
        const std::uint32_t group = m_group[s];
        if (func_hit[m_func[s]] || group_hit[group == kNull ? null_group : group]) SetBit(bits, s);
    }
    // Names: candidates are those holding every byte of the word; for one byte, they are the answer.
    std::vector<std::uint64_t> candidates = m_name_bytes[static_cast<unsigned char>(word[0])];
    for (const char byte : word.substr(1)) AndInto(candidates, m_name_bytes[static_cast<unsigned char>(byte)]);
    const auto holds_word = [&](std::string_view name) { return memmem(name.data(), name.size(), word.data(), word.size()) != nullptr; };
    if (word.size() > 1 && CountBits(candidates) > slots / 8) {
        // Many candidates: one pass over all names costs less than a search per name.
        const std::string_view names = m_names;
        for (std::size_t from = 0, slot = 0; from < names.size();) {
            const void* hit = memmem(names.data() + from, names.size() - from, word.data(), word.size());
            if (!hit) break;
            const auto at = static_cast<std::size_t>(static_cast<const char*>(hit) - names.data());
            while (slot + 1 < slots && m_name_start[slot + 1] <= at) ++slot;
            SetBit(bits, slot);
            from = slot + 1 < slots ? m_name_start[slot + 1] : names.size();
        }
        return bits;
    }
    ForEachBit(candidates, [&](std::size_t slot) {
        if (word.size() == 1 || holds_word(FoldedName(slot))) SetBit(bits, slot);
    });
    return bits;
}

std::int64_t TaskSearchIndex::Select(const TaskSearchCriteria& criteria) {
    if (m_selected_for == criteria && m_selected_version == m_version) return m_selected_count;
    const std::size_t slots = m_rowid.size();
    m_selected.assign((slots + 63) / 64, 0);
    m_selected_count = 0;
    m_selected_for = criteria;
    m_selected_version = m_version;

    // An exact value the dictionary lacks matches no task; "" is the NULL group.
    const auto exact = [](const Dictionary& dictionary, const std::optional<std::string>& value, bool empty_is_null) {
        if (!value) return std::optional<std::uint32_t>();
        if (empty_is_null && value->empty()) return std::optional<std::uint32_t>(kNull);
        const std::uint32_t id = dictionary.Find(*value);
        return std::optional<std::uint32_t>(id == kNull ? kNull - 1 : id);  // kNull - 1: no such id
    };
    const auto group = exact(m_groups, criteria.group, true), cluster = exact(m_clusters, criteria.cluster, false);
    const auto func = exact(m_funcs, criteria.func, false);
    for (std::size_t s = 0; s < slots; ++s)
        if (InList(m_state[s], criteria.successful) && (!group || m_group[s] == *group) && (!cluster || m_cluster[s] == *cluster) &&
            (!func || m_func[s] == *func))
            SetBit(m_selected, s);
    if (criteria.among) {
        std::vector<std::uint64_t> among(m_selected.size(), 0);
        for (const std::int64_t rowid : *criteria.among)
            if (const std::int64_t slot = SlotOf(rowid); slot >= 0) SetBit(among, static_cast<std::size_t>(slot));
        AndInto(m_selected, among);
    }
    for (std::size_t i = 0; i < criteria.words.size(); ++i) {
        std::vector<std::uint64_t> matches = WordMatches(Folded(criteria.words[i]));
        if (i < criteria.value_matches.size() && criteria.value_matches[i])
            for (const std::int64_t rowid : *criteria.value_matches[i])
                if (const std::int64_t slot = SlotOf(rowid); slot >= 0) SetBit(matches, static_cast<std::size_t>(slot));
        AndInto(m_selected, matches);  // the same size
    }
    m_selected_count = static_cast<std::int64_t>(CountBits(m_selected));
    return m_selected_count;
}

bool TaskSearchIndex::Selected(std::int64_t rowid) const {
    const std::int64_t slot = SlotOf(rowid);
    return slot >= 0 && SlotSelected(static_cast<std::size_t>(slot));
}

std::vector<std::int64_t> TaskSearchIndex::SelectedRowids() const {
    std::vector<std::int64_t> rowids;
    rowids.reserve(static_cast<std::size_t>(m_selected_count));
    ForEachSelectedSlot([&](std::size_t slot) { rowids.push_back(m_rowid[slot]); });
    std::sort(rowids.begin(), rowids.end());
    return rowids;
}

}  // namespace core
