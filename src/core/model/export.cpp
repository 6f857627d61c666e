#include "core/model/export.h"

namespace core {
namespace {

Result<Export> WithSchema(Result<Db> opened, std::string source) {
    if (!opened) {
        Error error = opened.error();
        error.message = source + ": " + error.message;
        return error;
    }
    auto schema = DetectSchema(opened.value());
    if (!schema) {
        Error error = schema.error();
        error.message = source + ": " + error.message;
        return error;
    }
    return Export{std::move(opened.value()), schema.value(), std::move(source)};
}

}  // namespace

Result<Export> OpenExportBytes(ByteView bytes, std::string source) {
    return WithSchema(Db::OpenBytes(bytes), std::move(source));
}

Result<Export> OpenExportFile(const std::string& path, OpenMode mode) {
    return WithSchema(Db::OpenFile(path, mode), path);
}

}  // namespace core
