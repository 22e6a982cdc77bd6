// SPDX-License-Identifier: Apache-2.0
// Metadata but no entry point.
#include <jetway/sdk/export.hpp>

JW_PLUGIN_METADATA(driver, stubmissing_entry, 0, 1, 0)
JW_PLUGIN_SCHEME(stubnoentry)
