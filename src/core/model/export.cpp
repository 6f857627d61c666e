#include "core/model/export.h"

#include "core/io/file.h"
#include "core/sync/dumpdata_import.h"

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
    return Export{std::move(opened.value()), schema.value(), std::move(source), nullptr};
}

}  // namespace

Result<Export> OpenExportBytes(ByteView bytes, std::string source) {
    if (LooksLikeJson(bytes)) return WithSchema(ImportDumpdata(bytes), std::move(source));
    return WithSchema(Db::OpenBytes(bytes), std::move(source));
}

Result<Export> OpenExportBuffer(FileBuffer buffer, std::string source) {
    if (LooksLikeJson(buffer.bytes())) return OpenExportBytes(buffer.bytes(), std::move(source));
    return WithSchema(Db::OpenBuffer(std::move(buffer)), std::move(source));
}

Result<Export> OpenExportFile(const std::string& path, OpenMode mode) {
    auto head = ReadFileHead(path, 64);
    if (!head) return WithSchema(head.error(), path);
    if (LooksLikeJson(head.value())) {
        auto bytes = ReadFile(path);
        if (!bytes) return WithSchema(bytes.error(), path);
        return OpenExportBytes(bytes.value(), path);
    }
    return WithSchema(Db::OpenFile(path, mode), path);
}

}  // namespace core
