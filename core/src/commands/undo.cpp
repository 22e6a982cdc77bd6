// SPDX-License-Identifier: Apache-2.0
// undo: Flyway sells it, Jetway gives it away. Runs U<version>__*.sql for the latest applied
// versioned migration (or for every one above `target`), newest first, and records UNDO_SQL
// rows; the undone migrations show as Undone and become pending again.
#include <jetway/core/error.hpp>

#include "../callbacks/callback_runner.hpp"
#include "command_support.hpp"
#include "apply_script.hpp"
#include "history_lock.hpp"
#include "commands.hpp"
#include "../support/text.hpp"

#include <spdlog/spdlog.h>

namespace jetway::core {

undo_result run_undo(session& s) {
    const configuration& config = s.config();
    undo_result result;
    result.database = s.default_schema();
    for (const std::string& schema : config.schemas) result.schema_name += (result.schema_name.empty() ? "" : ", ") + schema;
    const std::string target = to_lower(config.target);
    // Flyway's default target for undo is "current": undo one migration.
    const bool one = target.empty() || target == "latest" || target == "current" || target == "next";
    std::optional<migration_version> down_to;
    if (!one) {
        std::string t = config.target;
        if (!t.empty() && t.back() == '?') t.pop_back();
        down_to = migration_version::parse(t);
    }
    if (!s.rows().table_exists())
        throw error(error_code::migration_failed, "Unable to undo: the schema history table " +
                                                      s.history().qualified_name() + " does not exist yet");
    const auto start = std::chrono::steady_clock::now();
    with_command_events(s, "Undo", [&] {
        for (;;) {
            bool done = false;
            with_history_lock(s, [&](bool& transaction_open) {
                const migration_info_set infos = s.refresh({"latest", true, {}});
                if (!result.initial_schema_version.has_value() && infos.current() && infos.current()->version())
                    result.initial_schema_version = infos.current()->version()->text();
                const migration_info* latest = nullptr;
                for (const migration_info& i : infos.all()) {
                    if (i.applied == nullptr || !i.applied->version || !i.applied->success) continue;
                    if (is_synthetic_type(i.applied->type) || is_undo_type(i.applied->type) || is_baseline_type(i.applied->type)) continue;
                    if (i.state == migration_state::undone || i.state == migration_state::deleted) continue;
                    if (latest == nullptr || *i.applied->version > *latest->applied->version) latest = &i;
                }
                if (latest == nullptr || (down_to && !(*latest->applied->version > *down_to)) ||
                    (one && result.migrations_undone > 0)) {
                    done = true;
                    return;
                }
                const migration_version& v = *latest->applied->version;
                const resolved_migration* u = nullptr;
                for (const resolved_migration& r : s.resolved().migrations)
                    if (r.kind == migration_kind::undo && r.version && *r.version == v) u = &r;
                if (u == nullptr)
                    throw error(error_code::migration_failed,
                                "Unable to undo migration to version " + v.text() + ": no undo migration " +
                                    config.undo_sql_migration_prefix + v.text() + config.sql_migration_separator +
                                    "*" + config.sql_migration_suffixes.front() + " was found in the configured locations");
                apply_script(s, *u, transaction_open, "Undoing migration of", u->type, true);
                result.migrations.push_back({"Undo", v.text(), u->description, u->type, u->path.string(), 0});
                ++result.migrations_undone;
            });
            if (done) break;
        }
        const migration_info_set after = s.refresh({"latest", true, {}});
        if (after.current() && after.current()->version()) result.target_schema_version = after.current()->version()->text();
        if (result.migrations_undone == 0) {
            spdlog::info("Schema {} has no migration to undo.", quoted_schema(s));
        } else {
            spdlog::info("Successfully undid {} migration{} on schema {}{} (execution time {})", result.migrations_undone,
                         result.migrations_undone == 1 ? "" : "s", quoted_schema(s),
                         result.target_schema_version ? ", now at version v" + *result.target_schema_version : "",
                         format_duration(elapsed_ms(start)));
        }
    });
    return result;
}

}  // namespace jetway::core
