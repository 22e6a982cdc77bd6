// SPDX-License-Identifier: Apache-2.0
// Built for a future plugin API 2.0: the loader must refuse it from its metadata alone.
#include <jetway/sdk/export.hpp>

JW_PLUGIN_METADATA_FOR_API(driver, stubapi_major_2, 0, 1, 0, 2, 0)
JW_PLUGIN_SCHEME(stubmajor)

extern "C" __attribute__((visibility("default"))) jw_status jw_plugin_init(const jw_host_v1*,
                                                                           jw_plugin_v1*,
                                                                           jw_error*) {
    // Running this would be the loader's bug: a refused plugin's code must never run.
    __builtin_trap();
}
