// The schedule types of both schedulers (models.Schedule.TYPE), shared by schedule_runs.cpp and
// schedule_words.cpp.
#pragma once

#include <string_view>

namespace core::sched_types {

struct TypeInfo {
    const char* code;
    const char* label;
    bool q2_only;  // BW and BM came with django-q2
};

inline constexpr TypeInfo kTypes[] = {
    {"O", "Once", false},      {"I", "Minutes", false},  {"H", "Hourly", false},  {"D", "Daily", false},
    {"W", "Weekly", false},    {"BW", "Biweekly", true}, {"M", "Monthly", false}, {"BM", "Bimonthly", true},
    {"Q", "Quarterly", false}, {"Y", "Yearly", false},   {"C", "Cron", false},
};

inline const TypeInfo* FindType(std::string_view code) {
    for (const auto& type : kTypes)
        if (code == type.code) return &type;
    return nullptr;
}

}  // namespace core::sched_types
