#include "core/decode/pickle_compat.h"

#include <string_view>
#include <utility>

#include "core/decode/py_bigint.h"

namespace core {
namespace {

// Python 3.11's _compat_pickle.IMPORT_MAPPING and NAME_MAPPING (exceptions.X -> builtins.X is
// handled by rule, so only its exception, StandardError, is listed).
constexpr std::pair<std::string_view, std::string_view> kImportMapping[] = {
    {"BaseHTTPServer", "http.server"},
    {"CGIHTTPServer", "http.server"},
    {"ConfigParser", "configparser"},
    {"Cookie", "http.cookies"},
    {"Dialog", "tkinter.dialog"},
    {"DocXMLRPCServer", "xmlrpc.server"},
    {"FileDialog", "tkinter.filedialog"},
    {"HTMLParser", "html.parser"},
    {"Queue", "queue"},
    {"ScrolledText", "tkinter.scrolledtext"},
    {"SimpleDialog", "tkinter.simpledialog"},
    {"SimpleHTTPServer", "http.server"},
    {"SimpleXMLRPCServer", "xmlrpc.server"},
    {"SocketServer", "socketserver"},
    {"StringIO", "io"},
    {"Tix", "tkinter.tix"},
    {"Tkconstants", "tkinter.constants"},
    {"Tkdnd", "tkinter.dnd"},
    {"Tkinter", "tkinter"},
    {"UserDict", "collections"},
    {"UserList", "collections"},
    {"UserString", "collections"},
    {"__builtin__", "builtins"},
    {"_abcoll", "collections.abc"},
    {"_elementtree", "xml.etree.ElementTree"},
    {"_winreg", "winreg"},
    {"anydbm", "dbm"},
    {"cPickle", "pickle"},
    {"cStringIO", "io"},
    {"commands", "subprocess"},
    {"cookielib", "http.cookiejar"},
    {"copy_reg", "copyreg"},
    {"dbhash", "dbm.bsd"},
    {"dbm", "dbm.ndbm"},
    {"dumbdbm", "dbm.dumb"},
    {"dummy_thread", "_dummy_thread"},
    {"gdbm", "dbm.gnu"},
    {"htmlentitydefs", "html.entities"},
    {"httplib", "http.client"},
    {"markupbase", "_markupbase"},
    {"repr", "reprlib"},
    {"robotparser", "urllib.robotparser"},
    {"test.test_support", "test.support"},
    {"thread", "_thread"},
    {"tkColorChooser", "tkinter.colorchooser"},
    {"tkCommonDialog", "tkinter.commondialog"},
    {"tkFileDialog", "tkinter.filedialog"},
    {"tkFont", "tkinter.font"},
    {"tkMessageBox", "tkinter.messagebox"},
    {"tkSimpleDialog", "tkinter.simpledialog"},
    {"ttk", "tkinter.ttk"},
    {"urllib2", "urllib.request"},
    {"urlparse", "urllib.parse"},
    {"whichdb", "dbm"},
    {"xmlrpclib", "xmlrpc.client"},
};
struct NameMapping { std::string_view module, name, new_module, new_name; };
constexpr NameMapping kNameMapping[] = {
    {"UserDict", "IterableUserDict", "collections", "UserDict"},
    {"UserDict", "UserDict", "collections", "UserDict"},
    {"UserList", "UserList", "collections", "UserList"},
    {"UserString", "UserString", "collections", "UserString"},
    {"__builtin__", "basestring", "builtins", "str"},
    {"__builtin__", "intern", "sys", "intern"},
    {"__builtin__", "long", "builtins", "int"},
    {"__builtin__", "reduce", "functools", "reduce"},
    {"__builtin__", "unichr", "builtins", "chr"},
    {"__builtin__", "unicode", "builtins", "str"},
    {"__builtin__", "xrange", "builtins", "range"},
    {"_multiprocessing", "Connection", "multiprocessing.connection", "Connection"},
    {"_socket", "fromfd", "socket", "fromfd"},
    {"exceptions", "StandardError", "builtins", "Exception"},
    {"itertools", "ifilter", "builtins", "filter"},
    {"itertools", "ifilterfalse", "itertools", "filterfalse"},
    {"itertools", "imap", "builtins", "map"},
    {"itertools", "izip", "builtins", "zip"},
    {"itertools", "izip_longest", "itertools", "zip_longest"},
    {"multiprocessing", "AuthenticationError", "multiprocessing.context", "AuthenticationError"},
    {"multiprocessing", "BufferTooShort", "multiprocessing.context", "BufferTooShort"},
    {"multiprocessing", "ProcessError", "multiprocessing.context", "ProcessError"},
    {"multiprocessing", "TimeoutError", "multiprocessing.context", "TimeoutError"},
    {"multiprocessing.forking", "Popen", "multiprocessing.popen_fork", "Popen"},
    {"multiprocessing.process", "Process", "multiprocessing.context", "Process"},
    {"socket", "_socketobject", "socket", "SocketType"},
    {"urllib", "ContentTooShortError", "urllib.error", "ContentTooShortError"},
    {"urllib", "getproxies", "urllib.request", "getproxies"},
    {"urllib", "pathname2url", "urllib.request", "pathname2url"},
    {"urllib", "quote", "urllib.parse", "quote"},
    {"urllib", "quote_plus", "urllib.parse", "quote_plus"},
    {"urllib", "unquote", "urllib.parse", "unquote"},
    {"urllib", "unquote_plus", "urllib.parse", "unquote_plus"},
    {"urllib", "url2pathname", "urllib.request", "url2pathname"},
    {"urllib", "urlcleanup", "urllib.request", "urlcleanup"},
    {"urllib", "urlencode", "urllib.parse", "urlencode"},
    {"urllib", "urlopen", "urllib.request", "urlopen"},
    {"urllib", "urlretrieve", "urllib.request", "urlretrieve"},
    {"urllib2", "HTTPError", "urllib.error", "HTTPError"},
    {"urllib2", "URLError", "urllib.error", "URLError"},
    {"whichdb", "whichdb", "dbm", "whichdb"},
};

// Python 3.11's _compat_pickle.REVERSE_NAME_MAPPING and REVERSE_IMPORT_MAPPING, for writing protocols 0-2.
constexpr NameMapping kReverseNameMapping[] = {
    {"_functools", "reduce", "__builtin__", "reduce"},
    {"_socket", "socket", "socket", "_socketobject"},
    {"builtins", "ArithmeticError", "exceptions", "ArithmeticError"},
    {"builtins", "AssertionError", "exceptions", "AssertionError"},
    {"builtins", "AttributeError", "exceptions", "AttributeError"},
    {"builtins", "BaseException", "exceptions", "BaseException"},
    {"builtins", "BrokenPipeError", "exceptions", "OSError"},
    {"builtins", "BufferError", "exceptions", "BufferError"},
    {"builtins", "BytesWarning", "exceptions", "BytesWarning"},
    {"builtins", "ChildProcessError", "exceptions", "OSError"},
    {"builtins", "ConnectionAbortedError", "exceptions", "OSError"},
    {"builtins", "ConnectionError", "exceptions", "OSError"},
    {"builtins", "ConnectionRefusedError", "exceptions", "OSError"},
    {"builtins", "ConnectionResetError", "exceptions", "OSError"},
    {"builtins", "DeprecationWarning", "exceptions", "DeprecationWarning"},
    {"builtins", "EOFError", "exceptions", "EOFError"},
    {"builtins", "EnvironmentError", "exceptions", "EnvironmentError"},
    {"builtins", "Exception", "exceptions", "Exception"},
    {"builtins", "FileExistsError", "exceptions", "OSError"},
    {"builtins", "FileNotFoundError", "exceptions", "OSError"},
    {"builtins", "FloatingPointError", "exceptions", "FloatingPointError"},
    {"builtins", "FutureWarning", "exceptions", "FutureWarning"},
    {"builtins", "GeneratorExit", "exceptions", "GeneratorExit"},
    {"builtins", "IOError", "exceptions", "IOError"},
    {"builtins", "ImportError", "exceptions", "ImportError"},
    {"builtins", "ImportWarning", "exceptions", "ImportWarning"},
    {"builtins", "IndentationError", "exceptions", "IndentationError"},
    {"builtins", "IndexError", "exceptions", "IndexError"},
    {"builtins", "InterruptedError", "exceptions", "OSError"},
    {"builtins", "IsADirectoryError", "exceptions", "OSError"},
    {"builtins", "KeyError", "exceptions", "KeyError"},
    {"builtins", "KeyboardInterrupt", "exceptions", "KeyboardInterrupt"},
    {"builtins", "LookupError", "exceptions", "LookupError"},
    {"builtins", "MemoryError", "exceptions", "MemoryError"},
    {"builtins", "ModuleNotFoundError", "exceptions", "ImportError"},
    {"builtins", "NameError", "exceptions", "NameError"},
    {"builtins", "NotADirectoryError", "exceptions", "OSError"},
    {"builtins", "NotImplementedError", "exceptions", "NotImplementedError"},
    {"builtins", "OSError", "exceptions", "OSError"},
    {"builtins", "OverflowError", "exceptions", "OverflowError"},
    {"builtins", "PendingDeprecationWarning", "exceptions", "PendingDeprecationWarning"},
    {"builtins", "PermissionError", "exceptions", "OSError"},
    {"builtins", "ProcessLookupError", "exceptions", "OSError"},
    {"builtins", "ReferenceError", "exceptions", "ReferenceError"},
    {"builtins", "RuntimeError", "exceptions", "RuntimeError"},
    {"builtins", "RuntimeWarning", "exceptions", "RuntimeWarning"},
    {"builtins", "StopIteration", "exceptions", "StopIteration"},
    {"builtins", "SyntaxError", "exceptions", "SyntaxError"},
    {"builtins", "SyntaxWarning", "exceptions", "SyntaxWarning"},
    {"builtins", "SystemError", "exceptions", "SystemError"},
    {"builtins", "SystemExit", "exceptions", "SystemExit"},
    {"builtins", "TabError", "exceptions", "TabError"},
    {"builtins", "TimeoutError", "exceptions", "OSError"},
    {"builtins", "TypeError", "exceptions", "TypeError"},
    {"builtins", "UnboundLocalError", "exceptions", "UnboundLocalError"},
    {"builtins", "UnicodeDecodeError", "exceptions", "UnicodeDecodeError"},
    {"builtins", "UnicodeEncodeError", "exceptions", "UnicodeEncodeError"},
    {"builtins", "UnicodeError", "exceptions", "UnicodeError"},
    {"builtins", "UnicodeTranslateError", "exceptions", "UnicodeTranslateError"},
    {"builtins", "UnicodeWarning", "exceptions", "UnicodeWarning"},
    {"builtins", "UserWarning", "exceptions", "UserWarning"},
    {"builtins", "ValueError", "exceptions", "ValueError"},
    {"builtins", "Warning", "exceptions", "Warning"},
    {"builtins", "ZeroDivisionError", "exceptions", "ZeroDivisionError"},
    {"builtins", "chr", "__builtin__", "unichr"},
    {"builtins", "filter", "itertools", "ifilter"},
    {"builtins", "int", "__builtin__", "long"},
    {"builtins", "map", "itertools", "imap"},
    {"builtins", "range", "__builtin__", "xrange"},
    {"builtins", "str", "__builtin__", "unicode"},
    {"builtins", "zip", "itertools", "izip"},
    {"collections", "UserDict", "UserDict", "IterableUserDict"},
    {"collections", "UserList", "UserList", "UserList"},
    {"collections", "UserString", "UserString", "UserString"},
    {"dbm", "whichdb", "whichdb", "whichdb"},
    {"functools", "reduce", "__builtin__", "reduce"},
    {"http.server", "CGIHTTPRequestHandler", "CGIHTTPServer", "CGIHTTPRequestHandler"},
    {"http.server", "SimpleHTTPRequestHandler", "SimpleHTTPServer", "SimpleHTTPRequestHandler"},
    {"itertools", "filterfalse", "itertools", "ifilterfalse"},
    {"itertools", "zip_longest", "itertools", "izip_longest"},
    {"multiprocessing.connection", "Connection", "_multiprocessing", "Connection"},
    {"multiprocessing.context", "AuthenticationError", "multiprocessing", "AuthenticationError"},
    {"multiprocessing.context", "BufferTooShort", "multiprocessing", "BufferTooShort"},
    {"multiprocessing.context", "Process", "multiprocessing.process", "Process"},
    {"multiprocessing.context", "ProcessError", "multiprocessing", "ProcessError"},
    {"multiprocessing.context", "TimeoutError", "multiprocessing", "TimeoutError"},
    {"multiprocessing.popen_fork", "Popen", "multiprocessing.forking", "Popen"},
    {"socket", "fromfd", "_socket", "fromfd"},
    {"sys", "intern", "__builtin__", "intern"},
    {"tkinter.filedialog", "FileDialog", "FileDialog", "FileDialog"},
    {"tkinter.filedialog", "LoadFileDialog", "FileDialog", "LoadFileDialog"},
    {"tkinter.filedialog", "SaveFileDialog", "FileDialog", "SaveFileDialog"},
    {"tkinter.simpledialog", "SimpleDialog", "SimpleDialog", "SimpleDialog"},
    {"urllib.error", "ContentTooShortError", "urllib", "ContentTooShortError"},
    {"urllib.error", "HTTPError", "urllib2", "HTTPError"},
    {"urllib.error", "URLError", "urllib2", "URLError"},
    {"urllib.parse", "quote", "urllib", "quote"},
    {"urllib.parse", "quote_plus", "urllib", "quote_plus"},
    {"urllib.parse", "unquote", "urllib", "unquote"},
    {"urllib.parse", "unquote_plus", "urllib", "unquote_plus"},
    {"urllib.parse", "urlencode", "urllib", "urlencode"},
    {"urllib.request", "getproxies", "urllib", "getproxies"},
    {"urllib.request", "pathname2url", "urllib", "pathname2url"},
    {"urllib.request", "url2pathname", "urllib", "url2pathname"},
    {"urllib.request", "urlcleanup", "urllib", "urlcleanup"},
    {"urllib.request", "urlopen", "urllib", "urlopen"},
    {"urllib.request", "urlretrieve", "urllib", "urlretrieve"},
    {"xmlrpc.server", "DocCGIXMLRPCRequestHandler", "DocXMLRPCServer", "DocCGIXMLRPCRequestHandler"},
    {"xmlrpc.server", "DocXMLRPCRequestHandler", "DocXMLRPCServer", "DocXMLRPCRequestHandler"},
    {"xmlrpc.server", "DocXMLRPCServer", "DocXMLRPCServer", "DocXMLRPCServer"},
    {"xmlrpc.server", "ServerHTMLDoc", "DocXMLRPCServer", "ServerHTMLDoc"},
    {"xmlrpc.server", "XMLRPCDocGenerator", "DocXMLRPCServer", "XMLRPCDocGenerator"},
};
constexpr std::pair<std::string_view, std::string_view> kReverseImportMapping[] = {
    {"_bz2", "bz2"},
    {"_dbm", "dbm"},
    {"_dummy_thread", "dummy_thread"},
    {"_functools", "functools"},
    {"_gdbm", "gdbm"},
    {"_markupbase", "markupbase"},
    {"_pickle", "pickle"},
    {"_thread", "thread"},
    {"builtins", "__builtin__"},
    {"collections.abc", "_abcoll"},
    {"configparser", "ConfigParser"},
    {"copyreg", "copy_reg"},
    {"dbm", "anydbm"},
    {"dbm.bsd", "dbhash"},
    {"dbm.dumb", "dumbdbm"},
    {"dbm.gnu", "gdbm"},
    {"dbm.ndbm", "dbm"},
    {"html.entities", "htmlentitydefs"},
    {"html.parser", "HTMLParser"},
    {"http.client", "httplib"},
    {"http.cookiejar", "cookielib"},
    {"http.cookies", "Cookie"},
    {"http.server", "BaseHTTPServer"},
    {"queue", "Queue"},
    {"reprlib", "repr"},
    {"socketserver", "SocketServer"},
    {"subprocess", "commands"},
    {"test.support", "test.test_support"},
    {"tkinter", "Tkinter"},
    {"tkinter.colorchooser", "tkColorChooser"},
    {"tkinter.commondialog", "tkCommonDialog"},
    {"tkinter.constants", "Tkconstants"},
    {"tkinter.dialog", "Dialog"},
    {"tkinter.dnd", "Tkdnd"},
    {"tkinter.filedialog", "tkFileDialog"},
    {"tkinter.font", "tkFont"},
    {"tkinter.messagebox", "tkMessageBox"},
    {"tkinter.scrolledtext", "ScrolledText"},
    {"tkinter.simpledialog", "tkSimpleDialog"},
    {"tkinter.tix", "Tix"},
    {"tkinter.ttk", "ttk"},
    {"urllib.parse", "urlparse"},
    {"urllib.request", "urllib2"},
    {"urllib.robotparser", "robotparser"},
    {"winreg", "_winreg"},
    {"xmlrpc.client", "xmlrpclib"},
    {"xmlrpc.server", "SimpleXMLRPCServer"},
};

}  // namespace

void FixImports(std::string& module, std::string& name) {
    for (const auto& entry : kNameMapping) {
        if (entry.module == module && entry.name == name) {
            module = entry.new_module;
            name = entry.new_name;
            return;
        }
    }
    if (module == "exceptions") {
        module = "builtins";
        return;
    }
    for (const auto& [old_name, new_name] : kImportMapping) {
        if (old_name == module) {
            module = new_name;
            return;
        }
    }
}

void ReverseImports(std::string& module, std::string& name) {
    for (const auto& entry : kReverseNameMapping) {
        if (entry.module == module && entry.name == name) {
            module = entry.new_module;
            name = entry.new_name;
            return;
        }
    }
    for (const auto& [new_name, old_name] : kReverseImportMapping) {
        if (new_name == module) {
            module = old_name;
            return;
        }
    }
}

bool Latin1FromUtf8(std::string_view utf8, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        if (lead < 0x80) {
            out += static_cast<char>(lead);
        } else if ((lead == 0xC2 || lead == 0xC3) && i + 1 < utf8.size() && (static_cast<unsigned char>(utf8[i + 1]) & 0xC0) == 0x80) {
            out += static_cast<char>(((lead & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F));
        } else {
            return false;
        }
    }
    return true;
}

PyRef FoldKnownCall(const PyValue& callable, const PyValue& args) {
    if (callable.kind != PyKind::Global || args.kind != PyKind::Tuple) return nullptr;
    const auto& a = args.items;
    auto is_latin1 = [](const PyRef& encoding) {
        return encoding && encoding->kind == PyKind::Str && (encoding->text == "latin1" || encoding->text == "latin-1");
    };
    auto bytes_of = [&](PyKind kind) -> PyRef {
        std::string bytes;
        if (a.size() == 2 && a[0]->kind == PyKind::Str && is_latin1(a[1]) && Latin1FromUtf8(a[0]->text, bytes)) {
            auto value = PyBytes(std::move(bytes));
            value->kind = kind;
            return value;
        }
        return nullptr;
    };
    if (callable.text == "_codecs" && callable.name == "encode") return bytes_of(PyKind::Bytes);
    if (callable.text == "copyreg" && callable.name == "_reconstructor" && a.size() == 3 && a[0]->kind == PyKind::Global &&
        a[1]->kind == PyKind::Global && a[1]->text == "builtins" && a[1]->name == "object" && a[2]->kind == PyKind::None) {
        // Protocols 0-1 spell object.__new__(cls) this way; NEWOBJ says the same from protocol 2.
        auto value = PyCall(a[0], {});
        value->via_new = true;
        return value;
    }
    if (callable.text != "builtins") return nullptr;
    if (callable.name == "bytes" && a.empty()) return PyBytes({});  // b'' in protocols 0-2
    if (callable.name == "bytearray") {
        if (a.empty()) return PyByteArray({});
        if (a.size() == 1 && a[0]->kind == PyKind::Bytes) return PyByteArray(a[0]->text);
        return bytes_of(PyKind::ByteArray);
    }
    if ((callable.name == "set" || callable.name == "frozenset") && a.size() <= 1) {
        if (!a.empty() && a[0]->kind != PyKind::List) return nullptr;
        return (callable.name == "set" ? PySet : PyFrozenSet)(a.empty() ? std::vector<PyRef>{} : a[0]->items);
    }
    return nullptr;
}

}  // namespace core
