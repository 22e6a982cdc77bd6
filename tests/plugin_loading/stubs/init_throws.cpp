// SPDX-License-Identifier: Apache-2.0
// An entry point written without the SDK that lets a C++ exception escape.
#include <jetway/sdk/export.hpp>

#include <stdexcept>

JW_PLUGIN_METADATA(driver, stubinit_throws, 0, 1, 0)
JW_PLUGIN_SCHEME(stubthrows)

extern "C" __attribute__((visibility("default"))) jw_status jw_plugin_init(const jw_host_v1*,
                                                                           jw_plugin_v1*,
                                                                           jw_error*) {
    throw std::runtime_error("boom");
}
