// SPDX-License-Identifier: Apache-2.0
// repair (spec §13.2): remove failed rows, mark vanished migrations deleted, realign checksums.
#include <jetway/core/error.hpp>

#include "../callbacks/callback_runner.hpp"
#include "../engine/script_runner.hpp"
#include "command_support.hpp"
#include "history_lock.hpp"
#include "commands.hpp"

#include <spdlog/spdlog.h>

#include <optional>

namespace jetway::core {

repair_result run_repair(session& s) {
    const configuration& config = s.config();
    const std::string table = s.history().qualified_name();
    repair_result result;
    result.database = s.default_schema();
    const auto start = std::chrono::steady_clock::now();
    with_command_events(s, "Repair", [&] {
        if (!s.rows().table_exists()) {
            spdlog::info("Repair of failed migration in Schema History table {} not necessary as table doesn't exist.", table);
            return;
        }
        const auto patterns = ignore_patterns(config);
        database_connection& c = s.connection();
        // Under the migration lock: a migrate in another process holds it for its whole run and
        // counts on the history not changing meanwhile.
        std::optional<run_lock> lock;
        if (c.has_lock() && !s.scripts().diverted()) lock.emplace(s);
        begin_locked(s);
        try {
            migration_info_set infos = s.refresh({"latest", true, {}});
            bool removed_any = false;
            for (const applied_migration& a : s.rows().applied()) {
                if (a.success) continue;
                removed_any = true;
                result.migrations_removed.push_back({a.version ? a.version->text() : "", a.description, a.script});
            }
            if (removed_any) {
                s.history().delete_failed();
                result.repair_actions.push_back("Removed failed migrations");
            } else {
                spdlog::info("Repair of failed migration in Schema History table {} not necessary. No failed migration detected.", table);
            }

            int rank = schema_history::next_rank(s.rows().applied());
            bool deleted_any = false;
            for (const migration_info& i : infos.all()) {
                if (i.applied == nullptr || is_synthetic_type(i.applied->type) || is_undo_type(i.applied->type)) continue;
                if (!i.applied->success) continue;  // removed above
                const migration_state st = i.state;
                if (st != migration_state::missing_success && st != migration_state::missing_failed &&
                    st != migration_state::future_success && st != migration_state::future_failed)
                    continue;
                if (std::any_of(patterns.begin(), patterns.end(), [&](const ignore_pattern& p) { return p.matches(i); })) continue;
                applied_migration row = *i.applied;
                row.installed_rank = rank++;
                row.type = "DELETE";
                row.installed_by = s.installed_by();
                row.execution_time = 0;
                if (row.version)
                    spdlog::info("Repairing Schema History table for version \"{}\" (Marking as DELETED)  ...", row.version->text());
                else
                    spdlog::info("Repairing Schema History table for description \"{}\" (Marking as DELETED)  ...", row.description);
                s.history().insert(row);
                result.migrations_deleted.push_back({row.version ? row.version->text() : "", row.description, row.script});
                deleted_any = true;
            }
            if (deleted_any) {
                result.repair_actions.push_back("Marked missing migrations as deleted");
                spdlog::info("Please ensure the previous contents of the deleted migrations are removed from the database, "
                             "or moved into an existing migration.");
            }

            bool aligned_any = false;
            for (const migration_info& i : infos.all()) {
                if (i.applied == nullptr || i.resolved == nullptr || is_synthetic_type(i.applied->type)) continue;
                if (i.state == migration_state::undone || i.state == migration_state::ignored || !i.applied->success) continue;
                const resolved_migration& r = *i.resolved;
                const applied_migration& a = *i.applied;
                bool realign = false;
                if (a.version) {
                    const bool checksum_ok = !a.checksum || !r.checksum || *a.checksum == *r.checksum;
                    realign = !checksum_ok || a.description != r.description || a.type != r.type;
                } else {
                    realign = a.checksum && r.checksum && *a.checksum != *r.checksum && r.equivalent_checksum &&
                              *a.checksum == *r.equivalent_checksum;
                }
                if (!realign) continue;
                spdlog::info("Repairing Schema History table for version {} (Description: {}, Type: {}, Checksum: {})  ...",
                             a.version ? a.version->text() : "", r.description, r.type,
                             r.checksum ? std::to_string(*r.checksum) : "null");
                s.history().update(a.installed_rank, r.description, r.type, r.checksum);
                result.migrations_aligned.push_back({a.version ? a.version->text() : "", r.description, r.path.string()});
                aligned_any = true;
            }
            if (aligned_any) result.repair_actions.push_back("Aligned applied migration checksums");
            c.commit();
        } catch (...) {
            c.rollback();
            throw;
        }
        spdlog::info("Successfully repaired schema history table {} (execution time {}).", table,
                     format_duration(elapsed_ms(start)));
        if (!result.migrations_removed.empty() && !c.library().dialect().transactional_ddl)
            spdlog::info("Manual cleanup of the remaining effects of the failed migration may still be required.");
    });
    return result;
}

}  // namespace jetway::core
