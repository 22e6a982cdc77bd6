// SPDX-License-Identifier: Apache-2.0
// Metadata claims API 1.0 but the entry point reports 2.0: the second check must catch it.
#include "stub_driver.hpp"

JW_PLUGIN_METADATA(driver, stubinit_api_lie, 0, 1, 0)
JW_PLUGIN_SCHEME(stublie)

extern "C" __attribute__((visibility("default"))) jw_status jw_plugin_init(const jw_host_v1* host,
                                                                           jw_plugin_v1* out,
                                                                           jw_error* error) {
    const jw_status status = jetway::sdk::detail::init_driver_plugin<stub::echo_driver>(
        host, out, error, "stubinit_api_lie", "0.1.0");
    out->api_version = JW_MAKE_API_VERSION(2, 0);
    return status;
}
