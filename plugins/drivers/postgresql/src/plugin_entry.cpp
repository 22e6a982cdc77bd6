// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL driver plugin's entry point and metadata.
#include <jetway/sdk/export.hpp>

#include "postgresql_driver.hpp"

JW_DRIVER_PLUGIN(postgresql, 0, 1, 0, jetway::pg::postgresql_driver)
JW_PLUGIN_SCHEME(postgresql)
JW_PLUGIN_SCHEME(postgres)
