// SPDX-License-Identifier: Apache-2.0
// Built for plugin API 1.99, newer than this host: refused before loading.
#include <jetway/sdk/export.hpp>

JW_PLUGIN_METADATA_FOR_API(driver, stubapi_minor_future, 0, 1, 0, 1, 99)
JW_PLUGIN_SCHEME(stubminor)

extern "C" __attribute__((visibility("default"))) jw_status jw_plugin_init(const jw_host_v1*,
                                                                           jw_plugin_v1*,
                                                                           jw_error*) {
    __builtin_trap();
}
