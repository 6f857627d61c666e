// The one Catch2 main for every unit test file (tests/unit/test_<module>.cpp).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
