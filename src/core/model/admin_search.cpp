#include "core/model/admin_search.h"

#include <algorithm>
#include <cctype>

#include "core/model/task_query.h"

namespace core {
namespace {

std::string FoldedAscii(std::string_view text) {
    std::string folded(text);
    std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return folded;
}

}  // namespace

AdminSearch::AdminSearch(std::string_view query) {
    for (const auto& word : SplitSearchWords(query)) m_words.push_back(FoldedAscii(word));
}

bool AdminSearch::Matches(std::initializer_list<std::string_view> fields) const {
    if (m_words.empty()) return true;
    std::vector<std::string> folded;
    for (const auto field : fields) folded.push_back(FoldedAscii(field));
    return std::all_of(m_words.begin(), m_words.end(), [&](const std::string& word) {
        return std::any_of(folded.begin(), folded.end(), [&](const std::string& field) { return field.find(word) != std::string::npos; });
    });
}

}  // namespace core
