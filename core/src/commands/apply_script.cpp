// SPDX-License-Identifier: Apache-2.0
#include "apply_script.hpp"

#include <jetway/core/error.hpp>

#include "../callbacks/callback_runner.hpp"
#include "../engine/plugin_runner.hpp"
#include "../engine/script_runner.hpp"
#include "../extensions/plugin_extensions.hpp"
#include "command_support.hpp"
#include "history_lock.hpp"

#include <spdlog/spdlog.h>


namespace jetway::core {

// The rank the next row gets. Inside the lock only rows appended since the last read are
// fetched, so this costs the same whatever the history's size.
int next_history_rank(session& s) {
    // Read once per lock window: then the history holds what we read and what we inserted.
    if (!s.rows().current()) s.rows().read_new();
    return schema_history::next_rank(s.rows().applied());
}

namespace {

bool already_recorded(session& s, const resolved_migration& m, const std::string& type) {
    for (const applied_migration& a : s.history().read())
        if (a.type == type && a.version == m.version && a.success && a.checksum == m.checksum &&
            (m.version || a.description == m.description))
            return true;
    return false;
}

}  // namespace

void throw_outside_transaction_refused(session& s, const resolved_migration& m) {
    throw error(error_code::migration_failed,
                "Unable to " + std::string(m.kind == migration_kind::undo ? "undo" : "migrate") + ": " +
                    m.path.filename().string() + " must run outside a transaction, and " + s.redacted_url() +
                    " goes through a connection pooler that may run each transaction on another server connection "
                    "(transaction pooling). There Jetway's lock lasts one transaction, so nothing would stop two "
                    "migrators running this migration at once: it was not run. Run it connected directly to the "
                    "server; or, if the pooler keeps each client on one server connection (PgBouncer's session "
                    "mode), set postgresql.transactional.lock=false to lock for the whole run");
}

sdk::transaction_mode transaction_mode_of(session& s, const resolved_migration& m) {
    host_statement_runner host(s);
    sdk::statement_runner runner = host.sdk_runner();
    return engine_errors([&] { return m.resolver->transaction(m.resolver_index, runner); });
}

bool may_fly(session& s, bool undo) {
    const std::string each = undo ? "EachUndo" : "EachMigrate";
    const std::string stmt = undo ? "EachUndoStatement" : "EachMigrateStatement";
    callback_runner& callbacks = s.callbacks();
    const bool statement_callbacks =
        callbacks.has("before" + stmt) || callbacks.has("after" + stmt) || callbacks.has("after" + stmt + "Error");
    database_connection& c = s.connection();
    return !s.scripts().diverted() && c.has_lock() && c.can_fly() && !lock_lives_in_transactions(s) &&
           !s.config().skip_executing_migrations && s.config().error_overrides.empty() && !statement_callbacks &&
           !callbacks.has("after" + each);
}

void record_migration_failure(session& s, const resolved_migration& m, const std::string& text, const std::string& row_type,
                              bool undo, bool& transaction_open, const std::vector<std::size_t>& applied_lines,
                              std::size_t committed, int ms) {
    database_connection& c = s.connection();
    const bool implicit_commits = !c.library().dialect().transactional_ddl;
    if (transaction_open && c.library().dialect().transactional_ddl) {
        c.rollback();
        transaction_open = false;
        spdlog::error("{} of {} failed! Changes successfully rolled back.", undo ? "Undo" : "Migration", text);
    } else {
        if (transaction_open) {
            c.rollback();
            transaction_open = false;
        }
        spdlog::error("{} of {} failed! Please restore backups and roll back database and code!",
                      undo ? "Undo" : "Migration", text);
        if (committed > 0) {
            std::string lines;
            for (std::size_t i = 0; i < committed; ++i) lines += (i ? ", " : "") + std::to_string(applied_lines[i]);
            spdlog::error("Statements of {} that ran before the failure and stay applied ({}): lines {}. Revert them, "
                          "then run repair.",
                          m.path.filename().string(),
                          implicit_commits ? s.database_type() + " commits DDL at once" : "it ran outside a transaction",
                          lines);
        }
        // Nothing could be rolled back: record the failure so the next run stops and says so.
        // On SQLite the rollback ended the lock window: read the history again.
        c.begin();
        s.rows().may_have_changed();
        applied_migration row = schema_history::row_for(m, next_history_rank(s), ms, false, s.installed_by());
        row.type = row_type;
        s.history().insert(row);
        c.commit();
        s.rows().note(row);
    }
}

void apply_script(session& s, const resolved_migration& m, bool& transaction_open, const std::string& log_verb,
                  const std::string& row_type, bool undo, bool in_autocommit_group) {
    database_connection& c = s.connection();
    const configuration& config = s.config();
    const bool dry_run = s.scripts().diverted();
    // A program connects by itself. Flyway keeps a transaction open meanwhile, which is harmless
    // on a server; where an open write transaction excludes other writers (SQLite) the program
    // would wait for it, so there it runs outside the transaction.
    const sdk::transaction_mode mode = transaction_mode_of(s, m);
    const bool own_transactional =
        mode == sdk::transaction_mode::inside ||
        (mode == sdk::transaction_mode::not_used && c.has_lock() && c.library().dialect().transaction_excludes_writers == 0);
    // A group with a non-transactional member runs every member in autocommit (spec §6.4).
    const bool transactional = own_transactional && !in_autocommit_group;
    const std::string text = migration_text(s, m) + (own_transactional ? "" : " [non-transactional]");
    if (!transactional && lock_lives_in_transactions(s)) throw_outside_transaction_refused(s, m);
    spdlog::info("{} {}", log_verb, text);

    const bool driver_lock = c.has_lock();
    // The common case goes in one round trip: BEGIN, the session reset, every statement, the
    // history row and COMMIT (a flight). Whatever must happen between statements, or needs an
    // answer before the next is sent, keeps them apart.
    const std::string each = undo ? "EachUndo" : "EachMigrate";
    const std::string stmt = undo ? "EachUndoStatement" : "EachMigrateStatement";
    // In a group the flight carries the row and leaves the COMMIT to the group's end.
    const bool commit_in_flight = !config.group;
    const bool fly = transactional && may_fly(s, undo);
    if (!dry_run) {
        if (transactional && driver_lock && !transaction_open) {
            c.begin();
            transaction_open = true;
        } else if (!transactional && transaction_open) {
            // A statement SQLite cannot run in a transaction: leave the lock's transaction.
            c.commit();
            transaction_open = false;
        }
    }
    // Flyway puts the session back and resets it to the default schema before each migration
    // (spec §6.6), so one migration's SET ROLE or session variables do not leak into the next.
    if (!dry_run) {
        c.restore_session();
        c.use_schema(s.default_schema());
    }
    const auto start = std::chrono::steady_clock::now();
    // Where nothing can be rolled back, the user needs to know which statements stay applied.
    std::vector<std::size_t> applied_lines;  // statements that ran
    std::size_t committed = 0;               // how many of them stay applied for sure
    bool recorded = false;  // the flight carried the history row
    statement_hooks hooks;
    try {
        if (!config.skip_executing_migrations) {
            s.callbacks().fire("before" + each, transaction_open, &m);
            {
                const bool before_cb = s.callbacks().has("before" + stmt);
                const bool after_cb = s.callbacks().has("after" + stmt);
                if (before_cb) hooks.before = [&](const split_statement&) { s.callbacks().fire("before" + stmt, transaction_open); };
                hooks.after = [&](const split_statement& st) {
                    applied_lines.push_back(st.line);
                    // DDL commits at once on such databases, and with it everything before it.
                    if (!transaction_open || st.commits_implicitly) committed = applied_lines.size();
                    // ...and leaves the session in autocommit: open a transaction again, so the rest
                    // of the migration commits together with its history row or not at all.
                    if (transaction_open && st.commits_implicitly && !dry_run) c.begin();
                    if (after_cb) s.callbacks().fire("after" + stmt, transaction_open);
                };
                // In a flight the driver opens the transaction again after such DDL itself.
                hooks.ran_in_flight = [&](const split_statement& st) {
                    applied_lines.push_back(st.line);
                    if (st.commits_implicitly) committed = applied_lines.size();
                };
                if (s.callbacks().has("after" + stmt + "Error"))
                    hooks.on_error = [&](const split_statement&) { s.callbacks().fire_on_error("after" + stmt + "Error", transaction_open); };
                // Statement callbacks run between statements, which a batch cannot interleave.
                hooks.allow_batching = !before_cb && !after_cb && !hooks.on_error;
                if (fly) s.scripts().start_flight();
                // The one way a migration runs: its resolver (built-in or plugin) runs it, and
                // its SQL comes back through this runner, hooks and all.
                host_statement_runner host(s, &hooks);
                sdk::statement_runner runner = host.sdk_runner();
                engine_errors([&] { m.resolver->migrate(m.resolver_index, runner); });
            }
            s.callbacks().fire("after" + each, transaction_open, &m);
            if (s.scripts().flying()) {
                // The database measures the execution time: the row goes in the same flight.
                applied_migration row = schema_history::row_for(m, next_history_rank(s), 0, true, s.installed_by());
                row.type = row_type;
                const schema_history::timed_insert insert = s.history().insert_timed(row);
                if (insert.sql.empty()) {
                    // A driver that cannot measure it: the row goes on its own, as without flights.
                    s.scripts().land();
                    s.scripts().abandon_flight();
                } else {
                    s.scripts().send_flight({insert.sql, insert.params, insert.failed}, commit_in_flight);
                    if (commit_in_flight) transaction_open = false;
                    row.execution_time = static_cast<int>(elapsed_ms(start));
                    s.rows().note(row);
                    recorded = true;
                }
            }
        }
    } catch (const error&) {
        s.scripts().abandon_flight();  // the resolver failed before it was sent: nothing of it ran
        const int ms = static_cast<int>(elapsed_ms(start));
        s.callbacks().fire_on_error("after" + each + "Error", transaction_open, &m);
        if (dry_run) throw;
        record_migration_failure(s, m, text, row_type, undo, transaction_open, applied_lines, committed, ms);
        throw;
    }
    if (recorded) return;
    const int ms = static_cast<int>(elapsed_ms(start));
    if (dry_run) {
        applied_migration row = schema_history::row_for(m, s.rows().next_dry_run_rank(), 0, true, s.installed_by());
        row.type = row_type;
        s.dry_run_write(s.history().insert_text(row));
        return;
    }
    if (transaction_open || driver_lock) {
        const bool own = !transaction_open;
        if (own) c.begin();
        applied_migration row = schema_history::row_for(m, next_history_rank(s), ms, true, s.installed_by());
        row.type = row_type;
        s.history().insert(row);
        if (own) c.commit();
        s.rows().note(row);
        return;
    }
    // Ran outside any lock (SQLite, non-transactional): take the lock again to record it once.
    c.begin();
    s.rows().may_have_changed();
    if (!already_recorded(s, m, row_type)) {
        applied_migration row = schema_history::row_for(m, next_history_rank(s), ms, true, s.installed_by());
        row.type = row_type;
        s.history().insert(row);
        s.rows().note(row);
    }
    c.commit();
}

}  // namespace jetway::core
