// SPDX-License-Identifier: Apache-2.0
#include "command_support.hpp"

#include <jetway/core/error.hpp>

#include "../engine/callback_runner.hpp"
#include "../engine/plugin_runner.hpp"
#include "../extensions/plugin_extensions.hpp"
#include "../engine/script_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

namespace jetway::core {

std::string quoted_schema(session& s) { return s.connection().quote_identifier(s.default_schema()); }

std::string migration_text(session& s, const resolved_migration& m) {
    const std::string schema = "schema " + quoted_schema(s);
    if (!m.version) return schema + " with repeatable migration \"" + m.description + "\"";
    return schema + " to version \"" + m.version->text() + (m.description.empty() ? "" : " - " + m.description) + "\"";
}

long long elapsed_ms(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

std::vector<ignore_pattern> ignore_patterns(const configuration& config, const std::vector<std::string>& extra) {
    std::vector<std::string> patterns = config.ignore_migration_patterns;
    for (const auto& [state, on] : config.legacy_ignore_states) {
        const std::string pattern = "*:" + state;
        patterns.erase(std::remove(patterns.begin(), patterns.end(), pattern), patterns.end());
        if (on) patterns.push_back(pattern);
    }
    std::vector<ignore_pattern> out;
    for (const std::string& p : patterns) out.push_back(ignore_pattern::parse(p));
    for (const std::string& p : extra) out.push_back(ignore_pattern::parse(p));
    return out;
}

namespace {

// Runs `body`, told whether a transaction is open (it may open or close one), then commits what
// is open, or rolls back when `body` throws: always, or only when it left one open.
void within_transaction(database_connection& c, bool open, const std::function<void(bool&)>& body,
                        bool roll_back_always) {
    try {
        body(open);
        if (open) c.commit();
    } catch (...) {
        if (open || roll_back_always) {
            try {
                c.rollback();
            } catch (...) {
            }
        }
        throw;
    }
}

}  // namespace

run_lock::run_lock(session& s) : session_(s) {
    // Where the lock cannot outlive a transaction, each transaction takes it (begin_locked).
    if (s.connection().lock_lives_in_transactions()) return;
    s.connection().acquire_lock(s.history().qualified_name(), s.config().lock_retry_count);
    s.set_holds_run_lock(true);
    held_ = true;
}

run_lock::~run_lock() {
    if (!held_) return;
    session_.set_holds_run_lock(false);
    try {
        session_.connection().release_lock();
    } catch (...) {
        // A lost connection takes the lock with it; nothing is left to release.
    }
}

bool lock_lives_in_transactions(session& s) {
    database_connection& c = s.connection();
    return c.has_lock() && !s.scripts().diverted() && c.lock_lives_in_transactions();
}

void begin_locked(session& s) {
    database_connection& c = s.connection();
    c.begin();
    if (!lock_lives_in_transactions(s)) return;
    try {
        c.acquire_lock(s.history().qualified_name(), s.config().lock_retry_count);
    } catch (...) {
        try {
            c.rollback();
        } catch (...) {
        }
        throw;
    }
    // Other migrators may have written between our transactions.
    s.history_may_have_changed();
}

void with_history_lock(session& s, const std::function<void(bool&)>& body) {
    database_connection& c = s.connection();
    if (s.scripts().diverted()) {
        // Dry run: read-only, no lock and no transaction can be taken.
        bool open = false;
        body(open);
        return;
    }
    if (lock_lives_in_transactions(s)) {
        // Through a transaction-pooling proxy: the lock is the transaction's, and so is the
        // history read inside it.
        begin_locked(s);
        within_transaction(c, true, body, false);
        return;
    }
    if (c.has_lock() && s.holds_run_lock()) {
        // The run already holds the lock: only the transaction is ours to close.
        within_transaction(c, false, body, true);
        return;
    }
    if (c.has_lock()) {
        c.acquire_lock(s.history().qualified_name(), s.config().lock_retry_count);
        s.history_may_have_changed();
        try {
            within_transaction(c, false, body, true);
        } catch (...) {
            c.release_lock();
            throw;
        }
        c.release_lock();
        return;
    }
    // SQLite: BEGIN IMMEDIATE takes the database's write lock; re-reading history inside it
    // is what lets several processes migrate one file without applying anything twice.
    c.begin();
    s.history_may_have_changed();
    within_transaction(c, true, body, false);
}

void ensure_history_table(session& s) {
    if (s.history().exists()) return;
    with_history_lock(s, [&](bool&) {
        if (s.history().exists()) return;  // another migrator created it meanwhile
        spdlog::info("Creating Schema History table {} ...", s.history().qualified_name());
        const std::string ddl = s.connection().history_sql(JW_HISTORY_CREATE_TABLE, s.default_schema(), s.config().table);
        if (s.scripts().diverted()) {
            s.dry_run_write(ddl);
            return;
        }
        s.history().create();
    });
}

applied_migration history_row(session& s, const resolved_migration& m, int rank, int execution_time, bool success) {
    applied_migration row;
    row.installed_rank = rank;
    row.version = m.version;
    row.description = m.description;
    row.type = m.type;
    row.script = m.script;
    row.checksum = m.checksum;
    row.installed_by = s.installed_by();
    row.execution_time = execution_time;
    row.success = success;
    return row;
}

std::string insert_statement_text(session& s, const applied_migration& row) {
    auto literal = [](const std::string& text) {
        std::string out = "'";
        for (const char ch : text) {
            if (ch == '\'') out += '\'';
            out += ch;
        }
        return out + "'";
    };
    auto q = [&](const char* column) { return s.connection().quote_identifier(column); };
    return "INSERT INTO " + s.history().qualified_name() + " (" + q("installed_rank") + ", " + q("version") + ", " +
           q("description") + ", " + q("type") + ", " + q("script") + ", " + q("checksum") + ", " +
           q("installed_by") + ", " + q("execution_time") + ", " + q("success") + ") VALUES (" +
           std::to_string(row.installed_rank) + ", " + (row.version ? literal(row.version->text()) : "NULL") + ", " +
           literal(schema_history::abbreviate_description(row.description)) + ", " + literal(row.type) + ", " +
           literal(schema_history::abbreviate_script(row.script)) + ", " +
           (row.checksum ? std::to_string(*row.checksum) : "NULL") + ", " + literal(row.installed_by) + ", " +
           std::to_string(row.execution_time) + ", " + (row.success ? "1" : "0") + ");";
}

bool commits_implicitly(const std::string& sql) {
    // The statements MySQL and MariaDB commit before and after themselves.
    std::size_t i = 0;
    while (i < sql.size()) {
        if (std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
        else if (sql.compare(i, 2, "--") == 0 || sql[i] == '#') i = sql.find('\n', i) == std::string::npos ? sql.size() : sql.find('\n', i);
        else if (sql.compare(i, 2, "/*") == 0 && sql.compare(i, 3, "/*!") != 0) i = sql.find("*/", i) == std::string::npos ? sql.size() : sql.find("*/", i) + 2;
        else break;
    }
    std::string word;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
    return word == "CREATE" || word == "ALTER" || word == "DROP" || word == "RENAME" || word == "TRUNCATE" ||
           word == "GRANT" || word == "REVOKE" || word == "LOCK" || word == "UNLOCK" || word == "ANALYZE" ||
           word == "OPTIMIZE" || word == "REPAIR" || word == "INSTALL" || word == "UNINSTALL";
}

namespace {

// The rank the next row gets. Inside the lock only rows appended since the last read are
// fetched, so this costs the same whatever the history's size.
int next_history_rank(session& s) {
    // Read once per lock window: then the history holds what we read and what we inserted.
    if (!s.history_current()) s.read_new_history_rows();
    return schema_history::next_rank(s.applied());
}

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
    sdk::statement_runner runner(host.c_runner());
    return engine_errors([&] { return m.resolver->transaction(m.resolver_index, runner); });
}

void apply_script(session& s, const resolved_migration& m, bool& transaction_open, const std::string& log_verb,
                  const std::string& row_type, bool undo) {
    database_connection& c = s.connection();
    const configuration& config = s.config();
    const bool dry_run = s.scripts().diverted();
    // A program connects by itself. Flyway keeps a transaction open meanwhile, which is harmless
    // on a server; where an open write transaction excludes other writers (SQLite) the program
    // would wait for it, so there it runs outside the transaction.
    const sdk::transaction_mode mode = transaction_mode_of(s, m);
    const bool transactional =
        mode == sdk::transaction_mode::inside ||
        (mode == sdk::transaction_mode::not_used && c.has_lock() && c.library().dialect().transaction_excludes_writers == 0);
    const std::string text = migration_text(s, m) + (transactional ? "" : " [non-transactional]");
    if (!transactional && lock_lives_in_transactions(s)) throw_outside_transaction_refused(s, m);
    spdlog::info("{} {}", log_verb, text);

    const bool driver_lock = c.has_lock();
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
    const std::string each = undo ? "EachUndo" : "EachMigrate";
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
    const bool implicit_commits = !c.library().dialect().transactional_ddl;
    try {
        if (!config.skip_executing_migrations) {
            s.callbacks().fire("before" + each, transaction_open, &m);
            {
                statement_hooks hooks;
                const std::string stmt = undo ? "EachUndoStatement" : "EachMigrateStatement";
                const bool before_cb = s.callbacks().has("before" + stmt);
                const bool after_cb = s.callbacks().has("after" + stmt);
                if (before_cb) hooks.before = [&](const split_statement&) { s.callbacks().fire("before" + stmt, transaction_open); };
                hooks.after = [&](const split_statement& st) {
                    applied_lines.push_back(st.line);
                    // DDL commits at once on such databases, and with it everything before it.
                    if (!transaction_open || (implicit_commits && commits_implicitly(st.sql))) committed = applied_lines.size();
                    // ...and leaves the session in autocommit: open a transaction again, so the rest
                    // of the migration commits together with its history row or not at all.
                    if (transaction_open && implicit_commits && commits_implicitly(st.sql) && !dry_run) c.begin();
                    if (after_cb) s.callbacks().fire("after" + stmt, transaction_open);
                };
                if (s.callbacks().has("after" + stmt + "Error"))
                    hooks.on_error = [&](const split_statement&) { s.callbacks().fire_on_error("after" + stmt + "Error", transaction_open); };
                // Statement callbacks run between statements, which a batch cannot interleave.
                hooks.allow_batching = !before_cb && !after_cb && !hooks.on_error;
                // The one way a migration runs: its resolver (built-in or plugin) runs it, and
                // its SQL comes back through this runner, hooks and all.
                host_statement_runner host(s, &hooks);
                sdk::statement_runner runner(host.c_runner());
                engine_errors([&] { m.resolver->migrate(m.resolver_index, runner); });
            }
            s.callbacks().fire("after" + each, transaction_open, &m);
        }
    } catch (const error&) {
        const int ms = static_cast<int>(elapsed_ms(start));
        s.callbacks().fire_on_error("after" + each + "Error", transaction_open, &m);
        if (dry_run) throw;
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
            s.history_may_have_changed();
            applied_migration row = history_row(s, m, next_history_rank(s), ms, false);
            row.type = row_type;
            s.history().insert(row);
            c.commit();
            s.note_applied(row);
        }
        throw;
    }
    const int ms = static_cast<int>(elapsed_ms(start));
    if (dry_run) {
        applied_migration row = history_row(s, m, s.next_dry_run_rank(), 0, true);
        row.type = row_type;
        s.dry_run_write(insert_statement_text(s, row));
        return;
    }
    if (transaction_open || driver_lock) {
        const bool own = !transaction_open;
        if (own) c.begin();
        applied_migration row = history_row(s, m, next_history_rank(s), ms, true);
        row.type = row_type;
        s.history().insert(row);
        if (own) c.commit();
        s.note_applied(row);
        return;
    }
    // Ran outside any lock (SQLite, non-transactional): take the lock again to record it once.
    c.begin();
    s.history_may_have_changed();
    if (!already_recorded(s, m, row_type)) {
        applied_migration row = history_row(s, m, next_history_rank(s), ms, true);
        row.type = row_type;
        s.history().insert(row);
        s.note_applied(row);
    }
    c.commit();
}

}  // namespace jetway::core
