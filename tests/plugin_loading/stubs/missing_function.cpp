// SPDX-License-Identifier: Apache-2.0
// A driver table without the required execute function.
#include "stub_driver.hpp"

JW_PLUGIN_METADATA(driver, stubmissing_function, 0, 1, 0)
JW_PLUGIN_SCHEME(stubnoexec)

extern "C" __attribute__((visibility("default"))) jw_status jw_plugin_init(const jw_host_v1* host,
                                                                           jw_plugin_v1* out,
                                                                           jw_error* error) {
    static jw_driver_v1 table;
    const jw_status status = jetway::sdk::detail::init_driver_plugin<stub::echo_driver>(
        host, out, error, "stubmissing_function", "0.1.0");
    table = *out->driver;
    table.execute = nullptr;
    out->driver = &table;
    return status;
}
