// SPDX-License-Identifier: Apache-2.0
// The MySQL / MariaDB driver plugin's entry point and metadata.
#include <jetway/sdk/export.hpp>

#include "mysql_driver.hpp"

JW_DRIVER_PLUGIN(mysql, 0, 1, 0, jetway::mysql::mysql_driver)
JW_PLUGIN_SCHEME(mysql)
JW_PLUGIN_SCHEME(mariadb)
