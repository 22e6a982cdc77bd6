// SPDX-License-Identifier: Apache-2.0
#include "apply_train.hpp"

#include <jetway/core/error.hpp>

#include "../callbacks/callback_runner.hpp"
#include "../engine/plugin_runner.hpp"
#include "../engine/script_runner.hpp"
#include "../extensions/plugin_extensions.hpp"
#include "apply_script.hpp"
#include "command_support.hpp"

#include <spdlog/spdlog.h>

#include <deque>
#include <optional>

namespace jetway::core {

namespace {

// One migration of the flight, from its statements to its history row.
struct passenger {
    const resolved_migration* migration = nullptr;
    std::string text;  // as logged
    applied_migration row;
    std::size_t bytes = 0;  // of its statements that ran: its share of the flight's time
    std::vector<std::size_t> applied_lines;
    std::size_t committed = 0;  // of applied_lines, how many DDL committed for sure (MySQL)
    statement_hooks hooks;
};

}  // namespace

bool may_share_flight(session& s, const resolved_migration& m) {
    database_connection& c = s.connection();
    return (s.config().group ? c.can_fly_group() : c.can_fly_migrations()) && may_fly(s, false) &&
           !s.callbacks().has("beforeEachMigrate") && !s.callbacks().has("afterEachMigrateError") &&
           transaction_mode_of(s, m) == sdk::transaction_mode::inside && s.history().measures_execution_time();
}

void apply_train(session& s, const std::vector<const resolved_migration*>& migrations, bool& transaction_open,
                 const std::function<void(const resolved_migration&, int ms)>& applied) {
    database_connection& c = s.connection();
    std::deque<passenger> on_board;  // the flight keeps pointers to their hooks
    const int first_rank = next_history_rank(s);
    const auto start = std::chrono::steady_clock::now();
    // The first migration starts the flight as apply_script starts one; each next one is
    // started by the driver, after the last one's COMMIT. A group's transaction stays open
    // until the group's end.
    const bool group = s.config().group;
    if (!transaction_open) {
        c.begin();
        transaction_open = true;
    }
    c.restore_session();
    c.use_schema(s.default_schema());
    s.scripts().start_flight();

    // Those before `arrived` committed: now they are logged and noted, with their share of the time.
    std::size_t arrived = 0;
    auto arrive = [&](std::size_t count) {
        const double total_ms = static_cast<double>(elapsed_ms(start));
        std::size_t total_bytes = 0;
        for (const passenger& p : on_board) total_bytes += p.bytes;
        for (; arrived < count; ++arrived) {
            passenger& p = on_board[arrived];
            const double share = total_bytes > 0 ? static_cast<double>(p.bytes) / static_cast<double>(total_bytes)
                                                 : 1.0 / static_cast<double>(on_board.size());
            spdlog::info("Migrating {}", p.text);
            p.row.execution_time = static_cast<int>(total_ms * share);
            s.rows().note(p.row);
            applied(*p.migration, p.row.execution_time);
        }
    };
    try {
        for (const resolved_migration* m : migrations) {
            passenger& p = on_board.emplace_back();
            p.migration = m;
            p.text = migration_text(s, *m);
            p.hooks.ran_in_flight = [&p](const split_statement& st) {
                p.applied_lines.push_back(st.line);
                p.bytes += st.sql.size();
                if (st.commits_implicitly) p.committed = p.applied_lines.size();
            };
            // A statement that needed its own round trip (COPY, rows to print).
            p.hooks.after = [&p, &c](const split_statement& st) {
                p.applied_lines.push_back(st.line);
                p.bytes += st.sql.size();
                if (st.commits_implicitly) {
                    p.committed = p.applied_lines.size();
                    c.begin();
                }
            };
            {
                host_statement_runner host(s, &p.hooks);
                sdk::statement_runner runner = host.sdk_runner();
                engine_errors([&] { m->resolver->migrate(m->resolver_index, runner); });
            }
            p.row = schema_history::row_for(*m, first_rank + static_cast<int>(on_board.size() - 1), 0, true, s.installed_by());
            p.row.type = m->type;
            const schema_history::timed_insert insert = s.history().insert_timed(p.row);
            const flight_tail tail{insert.sql, insert.params, insert.failed};
            if (on_board.size() < migrations.size()) {
                s.scripts().next_migration(tail, m->script, group);
            } else {
                s.scripts().send_flight(tail, !group);
                transaction_open = group;
            }
        }
    } catch (const error& e) {
        std::optional<error> earlier;
        std::size_t failed = on_board.size() - 1;
        if (const auto f = s.scripts().failed_migration()) {
            failed = *f;
        } else {
            // The current migration failed before any of it was sent: the ones before it go now.
            try {
                s.scripts().land_ended_migrations();
            } catch (const error& e2) {
                earlier = e2;
                failed = s.scripts().failed_migration().value_or(0);
            }
        }
        s.scripts().abandon_flight();
        failed = std::min(failed, on_board.size() - 1);
        arrive(failed);
        passenger& p = on_board[failed];
        spdlog::info("Migrating {}", p.text);
        record_migration_failure(s, *p.migration, p.text, p.migration->type, false, transaction_open, p.applied_lines,
                                 p.committed, static_cast<int>(elapsed_ms(start)));
        if (earlier) throw *earlier;
        throw;
    }
    arrive(on_board.size());
}

}  // namespace jetway::core
