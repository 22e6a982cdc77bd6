// SPDX-License-Identifier: Apache-2.0
// The SQLite driver plugin's entry point and metadata.
#include <jetway/sdk/export.hpp>

#include "sqlite_driver.hpp"

JW_DRIVER_PLUGIN(sqlite, 0, 1, 0, jetway::sqlite::sqlite_driver)
JW_PLUGIN_SCHEME(sqlite)
JW_PLUGIN_SCHEME(sqlite3)
// DATABASE_URL=file:///data/app.db, as platforms and ORMs (Prisma, Node.js apps) write it.
JW_PLUGIN_SCHEME(file)
