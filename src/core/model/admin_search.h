// Django admin's search over in-memory rows (ModelAdmin.get_search_results): the query split into
// words as smart_split does (task_query.h's SplitSearchWords); a row matches when every word is in
// at least one search field, case-insensitively as SQLite's icontains is (ASCII letters only).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace core {

class AdminSearch {
public:
    explicit AdminSearch(std::string_view query);
    // True when every word is in one of `fields` (always, for an empty query).
    bool Matches(std::initializer_list<std::string_view> fields) const;

private:
    std::vector<std::string> m_words;  // folded to lower case
};

}  // namespace core
