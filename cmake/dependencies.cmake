# Third-party code, unpacked into the build folder from the archives scripts/setup.sh fetched into
# .deps/ (Debian source packages and npm tarballs). Nothing is downloaded here.

set(DJQ_UNPACK_DIR "${CMAKE_BINARY_DIR}/_deps")

# djq_unpack(<glob> <dest-subdir>): extract the one archive matching <glob> under .deps/.
function(djq_unpack glob dest)
  file(GLOB archive "${DJQ_DEPS_DIR}/${glob}")
  if(NOT archive)
    message(FATAL_ERROR "${glob} not found under ${DJQ_DEPS_DIR}: run scripts/setup.sh first")
  endif()
  if(NOT EXISTS "${DJQ_UNPACK_DIR}/${dest}.stamp")
    message(STATUS "Unpacking ${archive}")
    file(ARCHIVE_EXTRACT INPUT "${archive}" DESTINATION "${DJQ_UNPACK_DIR}/${dest}")
    file(TOUCH "${DJQ_UNPACK_DIR}/${dest}.stamp")
  endif()
endfunction()

# ---- humanhash word list (npm humanhash tarball) ----
# Django Q names a task humanize(uuid4().hex) over these 256 words; core/django_q/task_name.cpp
# computes the same names. The list is read out of the package's index.js into a C++ array.
djq_unpack("npm/humanhash-*.tgz" humanhash)
file(READ "${DJQ_UNPACK_DIR}/humanhash/package/index.js" humanhash_js)
string(REGEX MATCH "DEFAULT_WORDLIST = \\[([^]]*)\\]" humanhash_list "${humanhash_js}")
string(REGEX MATCHALL "'[a-z]+'" humanhash_words "${CMAKE_MATCH_1}")
list(LENGTH humanhash_words humanhash_count)
if(NOT humanhash_count EQUAL 256)
  message(FATAL_ERROR "humanhash: expected 256 words in its DEFAULT_WORDLIST, found ${humanhash_count}")
endif()
string(REPLACE "'" "\"" humanhash_words "${humanhash_words}")
string(REPLACE ";" ", " humanhash_words "${humanhash_words}")
set(DJQ_HUMANHASH_CPP "${CMAKE_BINARY_DIR}/generated/humanhash_words.cpp")
file(CONFIGURE OUTPUT "${DJQ_HUMANHASH_CPP}" CONTENT
  "// Generated from npm humanhash's DEFAULT_WORDLIST by cmake/dependencies.cmake.\nnamespace core {\nextern const char* const kHumanhashWords[256];\nconst char* const kHumanhashWords[256] = {${humanhash_words}};\n}  // namespace core\n")

# ---- the tz database, compacted for the web build (Debian tzdata, read by python3) ----
# The web build has no zoneinfo files, so core/sched/tz_embedded.cpp carries a copy made here from
# the build machine's: 1970 on, footer-predictable transitions dropped, identical zones merged
# (cmake/embed_tzdata.py). Native builds link it only where LoadEmbeddedTimeZone is called (tests).
set(DJQ_ZONEINFO_DIR "/usr/share/zoneinfo" CACHE PATH "zoneinfo folder the web build's time zones are copied from")
find_program(DJQ_PYTHON3 python3 REQUIRED)
if(NOT EXISTS "${DJQ_ZONEINFO_DIR}/tzdata.zi")
  message(FATAL_ERROR "${DJQ_ZONEINFO_DIR}/tzdata.zi not found: install Debian's tzdata (scripts/setup.sh)")
endif()
set(DJQ_TZDATA_CPP "${CMAKE_BINARY_DIR}/generated/tzdata_embedded.cpp")
execute_process(
  COMMAND "${DJQ_PYTHON3}" "${CMAKE_SOURCE_DIR}/cmake/embed_tzdata.py" "${DJQ_ZONEINFO_DIR}" "${DJQ_TZDATA_CPP}"
  RESULT_VARIABLE tzdata_result)
if(NOT tzdata_result EQUAL 0)
  message(FATAL_ERROR "cmake/embed_tzdata.py failed (${tzdata_result})")
endif()
# A new tzdata release or a changed script configures again.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  "${CMAKE_SOURCE_DIR}/cmake/embed_tzdata.py" "${DJQ_ZONEINFO_DIR}/tzdata.zi")

# ---- SQLite amalgamation (npm better-sqlite3 tarball) ----
djq_unpack("npm/better-sqlite3-*.tgz" better-sqlite3)
set(SQLITE_DIR "${DJQ_UNPACK_DIR}/better-sqlite3/package/deps/sqlite3")
add_library(djq_sqlite3 STATIC "${SQLITE_DIR}/sqlite3.c")
add_library(djq::sqlite3 ALIAS djq_sqlite3)
target_include_directories(djq_sqlite3 SYSTEM PUBLIC "${SQLITE_DIR}")
target_compile_definitions(djq_sqlite3 PRIVATE
  SQLITE_THREADSAFE=0 SQLITE_OMIT_LOAD_EXTENSION SQLITE_ENABLE_FTS5 SQLITE_ENABLE_MATH_FUNCTIONS
  SQLITE_DQS=0 SQLITE_DEFAULT_MEMSTATUS=0 SQLITE_OMIT_DEPRECATED SQLITE_OMIT_SHARED_CACHE
  SQLITE_TEMP_STORE=2 SQLITE_MAX_MMAP_SIZE=0x7fff0000)
if(NOT EMSCRIPTEN)
  target_link_libraries(djq_sqlite3 PUBLIC m)
endif()

# ---- zlib: Debian's package natively; its source package compiled by emcc for the web ----
if(EMSCRIPTEN)
  djq_unpack("src/zlib_*.orig.tar.*" zlib)
  file(GLOB zlib_root LIST_DIRECTORIES true "${DJQ_UNPACK_DIR}/zlib/zlib-*")
  set(zlib_sources adler32 compress crc32 deflate infback inffast inflate inftrees trees uncompr zutil)
  list(TRANSFORM zlib_sources PREPEND "${zlib_root}/")
  list(TRANSFORM zlib_sources APPEND ".c")
  add_library(djq_zlib STATIC ${zlib_sources})
  target_include_directories(djq_zlib SYSTEM PUBLIC "${zlib_root}")
  target_compile_definitions(djq_zlib PRIVATE HAVE_UNISTD_H)
  add_library(djq::zlib ALIAS djq_zlib)
else()
  find_package(ZLIB REQUIRED)
  add_library(djq::zlib ALIAS ZLIB::ZLIB)
endif()

# ---- nlohmann_json (Debian, header only) ----
if(EMSCRIPTEN)
  add_library(djq_json INTERFACE)  # the header shim in toolchain_quirks.cmake provides <nlohmann/...>
  add_library(nlohmann_json::nlohmann_json ALIAS djq_json)
else()
  find_package(nlohmann_json 3 REQUIRED)
endif()

# ---- Dear ImGui 1.90.1 (Debian trixie source package) ----
if(DJQ_BUILD_APP OR DJQ_BUILD_TESTS)
  djq_unpack("src/imgui_1.90.1+ds.orig.tar.*" imgui)
  set(IMGUI_DIR "${DJQ_UNPACK_DIR}/imgui/imgui-1.90.1")
  add_library(djq_imgui STATIC
    ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp
    ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
  add_library(djq::imgui ALIAS djq_imgui)
  target_include_directories(djq_imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/misc/cpp")
  # WCHAR32: characters past U+FFFF (emoji) are drawn from the fallback font, not as a box.
  target_compile_definitions(djq_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS IMGUI_USE_WCHAR32)
  target_compile_options(djq_imgui PRIVATE ${DJQ_NO_EXCEPTIONS})
endif()

# ---- the UI font: DejaVu Sans from Debian, cut to the glyphs the UI uses, embedded as bytes ----
if(DJQ_BUILD_APP OR DJQ_BUILD_TESTS)
  include(cmake/embed_font.cmake)
  include(cmake/fallback_fonts.cmake)
endif()
