// SPDX-License-Identifier: Apache-2.0
// migrate (spec §1.3, §6): validate, create schemas and the history table, then apply pending
// migrations one lock (and, where possible, one transaction) at a time.
#include <jetway/core/error.hpp>

#include "../callbacks/callback_runner.hpp"
#include "../engine/script_runner.hpp"
#include "commands.hpp"
#include "command_support.hpp"
#include "apply_script.hpp"
#include "apply_train.hpp"
#include "history_lock.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <limits>

namespace jetway::core {
namespace {

// A migration whose size is unknown (a plugin's) travels alone.
std::uintmax_t file_size_or_max(const std::filesystem::path& path) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    return ec ? std::numeric_limits<std::uintmax_t>::max() / 2 : size;
}

info_options options_of(const configuration& c) { return {c.target, c.out_of_order, c.cherry_pick}; }

void create_schemas(session& s) {
    if (!s.config().create_schemas) {
        if (!s.connection().inspect_schema(s.default_schema()).exists)
            spdlog::warn("The configuration option 'createSchemas' is false.\nHowever, the schema history table still "
                         "needs a schema to reside in.\nYou must manually create a schema for the schema history table "
                         "to reside in.");
        return;
    }
    s.callbacks().fire("createSchema");
    s.callbacks().fire("beforeCreateSchema");
    std::vector<std::string> created;
    for (const std::string& schema : s.schemas()) {
        // The history table's schema exists when the table does (known since validate read it).
        if (schema == s.default_schema() && s.rows().sole_writer() && s.rows().table_exists()) continue;
        if (s.connection().inspect_schema(schema).exists) continue;
        if (!s.connection().can_create_schemas()) {
            spdlog::info("{} does not support creating schemas. Schema not created: {}", s.database_type(), schema);
            continue;
        }
        spdlog::info("Creating schema {} ...", s.connection().quote_identifier(schema));
        if (s.scripts().diverted()) {
            s.dry_run_write("CREATE SCHEMA " + s.connection().quote_identifier(schema) + ";");
        } else {
            s.connection().create_schema(schema);
        }
        created.push_back(s.connection().quote_identifier(schema));
    }
    if (created.empty() || s.scripts().diverted()) return;
    // The SCHEMA marker lets clean drop what migrate created (spec §4.4).
    ensure_history_table(s);
    with_history_lock(s, [&](bool&) {
        applied_migration row;
        row.installed_rank = schema_history::next_rank(s.history().read(), true);
        row.description = "<< Flyway Schema Creation >>";
        row.type = "SCHEMA";
        for (const std::string& q : created) row.script += (row.script.empty() ? "" : ",") + q;
        row.installed_by = s.installed_by();
        s.history().insert(row);
        s.rows().note(row);
    });
}

void check_failed(session& s, const migration_info_set& infos, const std::vector<ignore_pattern>& patterns) {
    const bool future_ignored = std::any_of(patterns.begin(), patterns.end(), [](const ignore_pattern& p) {
        return p.state == "future" || p.state == "*";
    });
    for (const migration_info* f : infos.failed()) {
        const std::string schema = quoted_schema(s);
        if (f->state == migration_state::future_failed && future_ignored) {
            spdlog::warn("Schema {} contains a failed future migration to version {} !", schema, f->version()->text());
            continue;
        }
        if (f->version())
            throw error(error_code::migration_failed,
                        "Schema " + schema + " contains a failed migration to version " + f->version()->text() + " !");
        throw error(error_code::migration_failed,
                    "Schema " + schema + " contains a failed repeatable migration (\"" + f->description() + "\") !");
    }
}

}  // namespace

migrate_result run_migrate(session& s) {
    const configuration& config = s.config();
    migrate_result result;
    for (const std::string& schema : config.schemas) result.schema_name += (result.schema_name.empty() ? "" : ", ") + schema;
    result.database = s.default_schema();
    result.database_type = s.database_type();

    std::ofstream dry_run;
    if (!config.dry_run_output.empty()) {
        std::filesystem::path file = config.dry_run_output;
        if (file.is_relative()) file = config.working_directory / file;
        dry_run.open(file, std::ios::binary | std::ios::trunc);
        if (!dry_run) throw error(error_code::configuration, "Unable to write the dry run output to " + file.string());
        s.scripts().divert([&](const std::string& sql) { dry_run << sql << "\n"; });
        spdlog::info("Dry run: statements go to {}; the database is not changed", file.string());
    }

    try {
        // The driver's lock (every shipped driver has one) is taken once for the run, before the
        // history table is looked at: a clean in another process cannot drop it between our
        // creating it and our first migration. A waiter polls and would not get in between two
        // migrations anyway, and while we hold it the history is what we read plus what we wrote,
        // so no migration pays for taking the lock, releasing it and reading the history again.
        // A driver without one serialises on its write transaction, taken per migration
        // (with_history_lock).
        std::optional<run_lock> lock;
        if (!s.scripts().diverted() && s.connection().has_lock()) lock.emplace(s);
        if (config.validate_on_migrate) {
            const auto outcome = run_validate(s, {"*:pending"}, true);
            if (!outcome.validation_successful)
                throw error(error_code::validation_failed, validation_failure_message(outcome));
        }
        create_schemas(s);

        if (!s.rows().table_exists()) {
            std::vector<std::string> non_empty;
            for (const std::string& schema : s.schemas()) {
                const auto state = s.connection().inspect_schema(schema);
                if (state.exists && !state.empty) non_empty.push_back(s.connection().quote_identifier(schema));
            }
            if (non_empty.empty()) {
                if (config.baseline_on_migrate)
                    spdlog::info("All configured schemas are empty; a baseline marker will not be added to Flyway's "
                                 "schema history table. A baseline or migration script with a lower version than the "
                                 "baseline version may execute if available. Check the Schemas parameter if this is not "
                                 "intended.");
                ensure_history_table(s);
            } else if (config.baseline_on_migrate && !config.skip_executing_migrations) {
                run_baseline(s);
            } else if (!s.rows().table_exists()) {
                std::string list;
                for (const auto& n : non_empty) list += (list.empty() ? "" : ", ") + n;
                throw error(error_code::migration_failed,
                            "Found non-empty schema(s) " + list + " but no schema history table. Use baseline() or set "
                            "baselineOnMigrate to true to initialize the schema history table.");
            }
        }

        if (config.group && !s.connection().library().dialect().transactional_ddl)
            spdlog::warn("Enabling the 'group' parameter is recommended only for databases that support DDL transactions. "
                         "Using this parameter with {} may cause undefined behavior in Flyway",
                         s.database_type());
        s.callbacks().fire("beforeMigrate");
        const auto start = std::chrono::steady_clock::now();
        const auto patterns = ignore_patterns(config);
        bool first = true;
        bool last_was_versioned = true;
        bool repeatables_started = false;
        const bool dry = s.scripts().diverted();
        std::vector<const resolved_migration*> planned;  // the pending list of the last full picture
        std::size_t planned_next = 0;
        std::size_t expected_rows = 0;  // history rows after our own last insert
        // Applies one migration inside the lock and records it in the result.
        bool autocommit_group = false;  // -group=true with a non-transactional member (spec §6.4)
        auto apply_one = [&](const resolved_migration& m, bool& transaction_open) {
            if (!m.version && !repeatables_started) {
                repeatables_started = true;
                if (last_was_versioned) s.callbacks().fire("afterVersioned", transaction_open);
                s.callbacks().fire("beforeRepeatables", transaction_open);
            }
            last_was_versioned = m.version.has_value();
            const auto one = std::chrono::steady_clock::now();
            apply_script(s, m, transaction_open, "Migrating", m.type, false, autocommit_group);
            result.migrations.push_back({m.version ? (is_baseline_type(m.type) ? "Baseline" : "Versioned") : "Repeatable",
                                         m.version ? m.version->text() : "", m.description, m.type, m.path.string(),
                                         static_cast<int>(elapsed_ms(one))});
            ++result.migrations_executed;
            if (m.version) result.target_schema_version = m.version->text();
            expected_rows = s.rows().applied().size();  // ours included (rows().note)
        };
        // Where the driver allows it, a run of small migrations shares one flight (issue 20):
        // up to a flight's size of SQL, never across the versioned/repeatable border, whose
        // callbacks come between them.
        auto apply_next = [&](bool& transaction_open) {
            const resolved_migration& m = *planned[planned_next++];
            if (!dry && !autocommit_group && config.target != "next" && (m.version || repeatables_started) &&
                may_share_flight(s, m)) {
                std::vector<const resolved_migration*> train{&m};
                std::uintmax_t bytes = file_size_or_max(m.path);
                while (planned_next < planned.size() && train.size() < 1000) {
                    const resolved_migration& n = *planned[planned_next];
                    bytes += file_size_or_max(n.path);
                    if (bytes > 1000 * 1000 || n.version.has_value() != m.version.has_value() || !may_share_flight(s, n)) break;
                    train.push_back(&n);
                    ++planned_next;
                }
                if (train.size() > 1) {
                    apply_train(s, train, transaction_open, [&](const resolved_migration& done, int ms) {
                        last_was_versioned = done.version.has_value();
                        result.migrations.push_back({done.version ? (is_baseline_type(done.type) ? "Baseline" : "Versioned") : "Repeatable",
                                                     done.version ? done.version->text() : "", done.description, done.type,
                                                     done.path.string(), ms});
                        ++result.migrations_executed;
                        if (done.version) result.target_schema_version = done.version->text();
                    });
                    expected_rows = s.rows().applied().size();
                    return;
                }
            }
            apply_one(m, transaction_open);
        };
        for (;;) {
            bool done = false;
            with_history_lock(s, [&](bool& transaction_open) {
                // Inside the lock: what others applied meanwhile decides. When the history holds
                // exactly the rows we know of, the plan stands and need not be rebuilt, which keeps
                // each migration's bookkeeping constant instead of growing with the history.
                if (!first && !dry && !config.group) {
                    if (!s.rows().current()) s.rows().read_new();
                    if (s.rows().applied().size() == expected_rows && planned_next < planned.size() &&
                        !(config.target == "next" && result.migrations_executed > 0)) {
                        apply_next(transaction_open);
                        return;
                    }
                }
                const migration_info_set infos = s.picture(options_of(config));
                if (!dry) {
                    planned.clear();
                    planned_next = 0;
                    for (const migration_info* p : infos.pending()) planned.push_back(p->resolved);
                }
                if (first) {
                    const migration_info* current = infos.current();
                    result.initial_schema_version = current && current->version() ? std::optional(current->version()->text()) : std::nullopt;
                    spdlog::info("Current version of schema {}: {}", quoted_schema(s),
                                 result.initial_schema_version.value_or("<< Empty Schema >>"));
                    if (config.out_of_order)
                        spdlog::warn("outOfOrder mode is active. Migration of schema {} may not be reproducible.", quoted_schema(s));
                    if (current && current->version() && infos.last_resolved() && *current->version() > *infos.last_resolved())
                        spdlog::warn("Schema {} has a version ({}) that is newer than the latest available migration ({}) !",
                                     quoted_schema(s), current->version()->text(), infos.last_resolved()->text());
                    if (dry)
                        for (const migration_info* p : infos.pending()) planned.push_back(p->resolved);
                    // Through a transaction pooler nothing can lock a migration that runs outside
                    // a transaction: refuse before applying any, not halfway through.
                    if (lock_lives_in_transactions(s))
                        for (const migration_info* p : infos.pending())
                            if (transaction_mode_of(s, *p->resolved) == sdk::transaction_mode::outside)
                                throw_outside_transaction_refused(s, *p->resolved);
                    first = false;
                }
                check_failed(s, infos, patterns);

                if (config.group && !dry) {
                    // One transaction for every pending migration (spec §6.4).
                    const auto pending = infos.pending();
                    bool any_non_transactional = false;
                    bool any_transactional = false;
                    for (const migration_info* p : pending) {
                        const resolved_migration& m = *p->resolved;
                        // A program uses its own connection: it never breaks the group's transaction.
                        const bool tx = transaction_mode_of(s, m) != sdk::transaction_mode::outside;
                        (tx ? any_transactional : any_non_transactional) = true;
                        if (any_transactional && any_non_transactional && !config.mixed)
                            throw error(error_code::migration_failed,
                                        "Detected both transactional and non-transactional migrations within the same migration group "
                                        "(even though mixed is false). First offending migration: \"" +
                                            (m.version ? m.version->text() + " " : std::string{}) + m.description + "\"" +
                                            (tx ? "" : " [non-transactional]"));
                    }
                    // Transactional iff every member is; otherwise all of it in autocommit, so what
                    // ran before a failure stays and the failure is recorded, as Flyway does.
                    autocommit_group = any_non_transactional;
                    // planned holds `pending`: small migrations share flights here too.
                    while (planned_next < planned.size()) apply_next(transaction_open);
                    done = true;
                    return;
                }
                if (planned_next >= planned.size() || (config.target == "next" && result.migrations_executed > 0)) {
                    done = true;
                    return;
                }
                apply_next(transaction_open);
            });
            if (done) break;
        }
        lock.reset();
        if (last_was_versioned && !repeatables_started) s.callbacks().fire("afterVersioned");

        const std::string time = format_duration(elapsed_ms(start));
        if (result.migrations_executed == 0) {
            spdlog::info("Schema {} is up to date. No migration necessary.", quoted_schema(s));
        } else {
            spdlog::info("Successfully applied {} migration{} to schema {}{} (execution time {})", result.migrations_executed,
                         result.migrations_executed == 1 ? "" : "s", quoted_schema(s),
                         result.target_schema_version ? ", now at version v" + *result.target_schema_version : "", time);
            s.callbacks().fire("afterMigrateApplied");
        }
        s.callbacks().fire("afterMigrate");
        result.query_results = std::move(s.query_results());
    } catch (const error&) {
        s.callbacks().fire_on_error("afterMigrateError");
        result.success = false;
        result.query_results = std::move(s.query_results());
        s.keep_failed_migrate(std::move(result));
        throw;
    }
    return result;
}

}  // namespace jetway::core
