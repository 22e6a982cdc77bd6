// SPDX-License-Identifier: Apache-2.0
// A well-formed plugin.
#include "stub_driver.hpp"

JW_DRIVER_PLUGIN(stubok, 1, 2, 3, stub::echo_driver)
JW_PLUGIN_SCHEME(stubok)
JW_PLUGIN_SCHEME(stubalias)
