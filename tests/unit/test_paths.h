// Where tests find their data. CMake defines both as absolute paths at compile time.
#pragma once

#include <string>

#ifndef DJQ_FIXTURES_DIR
#error "DJQ_FIXTURES_DIR must point at tests/data/fixtures"
#endif
#ifndef DJQ_TEST_DATA_DIR
#error "DJQ_TEST_DATA_DIR must point at tests/data"
#endif

namespace test {

inline std::string FixturePath(const std::string& name) { return std::string(DJQ_FIXTURES_DIR) + "/" + name; }
inline std::string TestDataPath(const std::string& name) { return std::string(DJQ_TEST_DATA_DIR) + "/" + name; }

}  // namespace test
