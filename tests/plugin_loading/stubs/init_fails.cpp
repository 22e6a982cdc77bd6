// SPDX-License-Identifier: Apache-2.0
// An entry point that reports an error the SDK way: the driver's constructor throws.
#include "stub_driver.hpp"

namespace {
struct failing_driver : stub::echo_driver {
    failing_driver() { throw jetway::sdk::connection_error("client library version 0.9 is too old"); }
};
}  // namespace

JW_PLUGIN_METADATA(driver, stubinit_fails, 0, 1, 0)
JW_PLUGIN_SCHEME(stubfails)

extern "C" __attribute__((visibility("default"))) jw_status jw_plugin_init(const jw_host_v1* host,
                                                                           jw_plugin_v1* out,
                                                                           jw_error* error) {
    return jetway::sdk::detail::guarded(error, [&] {
        jetway::sdk::detail::init_driver_plugin<stub::echo_driver>(host, out, error,
                                                                   "stubinit_fails", "0.1.0");
        failing_driver{};
    });
}
