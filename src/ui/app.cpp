#include "ui/app.h"

#include "core/demo/demo.h"

namespace ui {
namespace {

// Replaces the current export only when the new one opened and summarised.
void Adopt(App& app, core::Result<core::Export> opened, std::string source, bool is_demo) {
    if (!opened) {
        app.open_error = OpenError{opened.error(), std::move(source)};
        return;
    }
    auto summary = core::Summarize(opened.value());
    if (!summary) {
        app.open_error = OpenError{summary.error(), std::move(source)};
        return;
    }
    app.current = std::move(opened.value());
    app.summary = summary.value();
    app.open_error.reset();
    app.is_demo = is_demo;
}

}  // namespace

void OpenBytes(App& app, std::string source, core::ByteView bytes) {
    Adopt(app, core::OpenExportBytes(bytes, source), source, false);
}

void OpenDemo(App& app) {
    const std::string source = "demo database";
    auto db = core::MakeDemoDatabase(core::DemoOptions{});
    if (!db) {
        app.open_error = OpenError{db.error(), source};
        return;
    }
    auto schema = core::DetectSchema(db.value());
    if (!schema) {
        app.open_error = OpenError{schema.error(), source};
        return;
    }
    Adopt(app, core::Export{std::move(db.value()), schema.value(), source}, source, true);
}

}  // namespace ui
