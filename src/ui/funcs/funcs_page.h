// The Funcs page (issue 19): every func's runs, failures and failure rate, attempts, time taken
// p50/p95/max, first and last run and a sparkline of its runs over the export's span; sortable by
// any column, searchable, and exported as CSV or JSON. A func opens the list of its tasks.
// Figures from ShownInsights.
#pragma once

#include <string>

namespace ui {

struct App;

struct FuncsView {
    std::string search;  // part of a func's name, any case
    int sort_column = 1;  // FuncColumn (funcs_page.cpp): Runs
    bool descending = true;
};

void DrawFuncsPage(App& app, FuncsView& view);
// Shows the page (the tab, and "#/funcs").
void ShowFuncs(App& app);

}  // namespace ui
