#include "ui/mirror/mirror.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace ui {

void Mirror::BeginFrame(std::string view) {
    m_view = std::move(view);
    m_items.clear();
    m_error_code.clear();
    m_error_message.clear();
}

void Mirror::Add(MirrorItem item) { m_items.push_back(std::move(item)); }

void Mirror::SetError(std::string code, std::string message) {
    m_error_code = std::move(code);
    m_error_message = std::move(message);
}

std::string Mirror::ToJson() const {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : m_items) {
        nlohmann::json entry = {{"role", item.role}, {"name", item.name}};
        if (!item.value.empty()) entry["value"] = item.value;
        entry["rect"] = {std::round(item.x), std::round(item.y), std::round(item.w), std::round(item.h)};
        items.push_back(std::move(entry));
    }
    nlohmann::json error = nullptr;
    if (!m_error_code.empty()) error = {{"code", m_error_code}, {"message", m_error_message}};
    const nlohmann::json out = {{"view", m_view}, {"source", m_source}, {"error", error}, {"missing_glyphs", m_missing_glyphs}, {"items", items}};
    // Replace invalid UTF-8 rather than abort: names come from user data.
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool Mirror::ConsumeActivation(const std::string& name) {
    if (m_activation.empty() || m_activation != name) return false;
    m_activation.clear();
    return true;
}

bool Mirror::TakeIfChanged(std::string& json) {
    std::string now = ToJson();
    if (now == m_published) return false;
    m_published = now;
    json = std::move(now);
    return true;
}

}  // namespace ui
