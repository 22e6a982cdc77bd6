// SPDX-License-Identifier: Apache-2.0
// baseline (spec §13.1): mark an existing database as being at baselineVersion.
#include <jetway/core/error.hpp>

#include "../callbacks/callback_runner.hpp"
#include "../engine/script_runner.hpp"
#include "command_support.hpp"
#include "history_lock.hpp"
#include "commands.hpp"

#include <spdlog/spdlog.h>

namespace jetway::core {
namespace {
// Flyway's own short links, as it prints them.
const char* reset_link = "https://rd.gt/3CdwkXD";
}

baseline_result run_baseline(session& s) {
    const configuration& config = s.config();
    const migration_version version = migration_version::parse(config.baseline_version);
    const std::string& description = config.baseline_description;
    const std::string table = s.history().qualified_name();
    baseline_result result;
    result.database = s.default_schema();
    with_command_events(s, "Baseline", [&] {
        applied_migration row;
        row.version = version;
        row.description = description;
        row.type = "BASELINE";
        row.script = description;
        row.installed_by = s.installed_by();
        if (s.scripts().diverted()) {
            if (!s.rows().table_exists()) {
                s.dry_run_write(s.history().create_sql());
                row.installed_rank = s.rows().next_dry_run_rank();
                s.dry_run_write(s.history().insert_text(row));
            }
        } else {
            with_history_lock(s, [&](bool&) {
                if (!s.rows().table_exists()) {
                    spdlog::info("Creating Schema History table {} with baseline ...", table);
                    s.history().create();
                    s.rows().table_now_exists(true);
                    row.installed_rank = 1;
                    s.history().insert(row);
                    s.rows().note(row);
                    return;
                }
                const auto rows = s.history().read();
                for (std::size_t i = 0; i < rows.size() && i < 2; ++i) {
                    if (rows[i].type != "BASELINE") continue;
                    const std::string existing = rows[i].version ? rows[i].version->text() : "";
                    if (rows[i].version == version && rows[i].description == description) {
                        spdlog::info("Schema history table {} already initialized with ({},{}). Skipping.", table,
                                     version.text(), description);
                        return;
                    }
                    throw error(error_code::configuration,
                                "Unable to baseline schema history table " + table + " with (" + version.text() + "," +
                                    description + ") as it has already been baselined with (" + existing + "," +
                                    rows[i].description + ")\nNeed to reset your baseline? Learn more: " + reset_link);
                }
                const bool has_schema_row = std::any_of(rows.begin(), rows.end(), [](const applied_migration& a) { return a.type == "SCHEMA"; });
                if (has_schema_row && version == migration_version::parse("0"))
                    throw error(error_code::configuration, "Unable to baseline schema history table " + table +
                                                               " with version 0 as this version was used for schema creation");
                const bool has_migrations = std::any_of(rows.begin(), rows.end(), [](const applied_migration& a) {
                    return !is_synthetic_type(a.type) && !is_undo_type(a.type);
                });
                if (has_migrations)
                    throw error(error_code::configuration, "Unable to baseline schema history table " + table +
                                                               " as it already contains migrations\nNeed to reset your baseline? Learn more: " +
                                                               reset_link);
                if (rows.empty())
                    throw error(error_code::configuration, "Unable to baseline schema history table " + table +
                                                               " as it already exists, and is empty.\nDelete the schema history "
                                                               "table, and run baseline again.");
                throw error(error_code::configuration, "Unable to baseline schema history table " + table +
                                                           " as it already contains migrations.\nDelete the schema history table, "
                                                           "and run baseline again.\nNeed to reset your baseline? Learn more: " +
                                                           reset_link);
            });
        }
        spdlog::info("Successfully baselined schema with version: {}", version.text());
        result.successfully_baselined = true;
        result.baseline_version = version.text();
    });
    return result;
}

}  // namespace jetway::core
