// SPDX-License-Identifier: Apache-2.0
// A plugin linked against a library that tests leave out, as a driver without its client.
#include "stub_driver.hpp"

extern "C" int jw_test_dependency_answer();

namespace {
struct dependent_driver : stub::echo_driver {
    dependent_driver() { (void)jw_test_dependency_answer(); }
};
}  // namespace

JW_DRIVER_PLUGIN(stubneeds_missing_dep, 0, 1, 0, dependent_driver)
JW_PLUGIN_SCHEME(stubdep)
