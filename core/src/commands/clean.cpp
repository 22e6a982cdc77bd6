// SPDX-License-Identifier: Apache-2.0
// clean (spec §1.6, §12): drop every object in the managed schemas. Refused by default.
#include <jetway/core/error.hpp>

#include "../callbacks/callback_runner.hpp"
#include "../engine/script_runner.hpp"
#include "command_support.hpp"
#include "history_lock.hpp"
#include "commands.hpp"

#include <spdlog/spdlog.h>

#include <optional>

namespace jetway::core {
namespace {

// The schemas a SCHEMA marker row names: "a","b" (or `a`,`b`) -> a, b.
std::vector<std::string> unquote_list(const std::string& script) {
    std::vector<std::string> out;
    std::string current;
    char quote = 0;
    for (std::size_t i = 0; i < script.size(); ++i) {
        const char c = script[i];
        if (quote == 0) {
            if (c == '"' || c == '`') quote = c;
            else if (c == ',') {
                out.push_back(current);
                current.clear();
            } else if (c != ' ') {
                current += c;
            }
        } else if (c == quote) {
            if (i + 1 < script.size() && script[i + 1] == quote) current += script[++i];
            else quote = 0;
        } else {
            current += c;
        }
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

}  // namespace

clean_result run_clean(session& s) {
    const configuration& config = s.config();
    if (config.clean_disabled)
        throw error(error_code::configuration,
                    "Unable to execute clean as it has been disabled with the 'flyway.cleanDisabled' property.");
    database_connection& c = s.connection();
    if (!c.can_clean())
        throw error(error_code::configuration, "The " + s.database_type() + " driver plugin does not support clean");
    clean_result result;
    result.database = s.default_schema();
    with_command_events(s, "Clean", [&] {
        // Under the migration lock, so it never drops what a migrate in another process is
        // halfway through.
        std::optional<run_lock> lock;
        if (c.has_lock() && !s.scripts().diverted()) lock.emplace(s);
        // Through a transaction pooler the lock lasts one transaction: clean runs in one.
        const bool one_transaction = lock_lives_in_transactions(s);
        if (one_transaction) begin_locked(s);
        try {
            // Schemas that migrate created are dropped, not only emptied (spec §12); which ones, the
            // SCHEMA marker says, and it must be read before the history table goes with the rest.
            std::vector<std::string> created;
            if (c.can_create_schemas() && s.rows().table_exists())
                for (const applied_migration& a : s.history().read())
                    if (a.type == "SCHEMA")
                        for (const std::string& name : unquote_list(a.script)) created.push_back(name);
            std::vector<std::string> existing;
            for (const std::string& schema : s.schemas()) {
                if (c.inspect_schema(schema).exists) {
                    existing.push_back(schema);
                } else {
                    spdlog::warn("Unable to clean unknown schema: {}", c.quote_identifier(schema));
                    result.warnings.push_back("Unable to clean unknown schema: " + c.quote_identifier(schema));
                }
            }
            for (const std::string& schema : existing) {
                const auto start = std::chrono::steady_clock::now();
                c.clean_schema(schema);
                spdlog::info("Successfully cleaned schema {} (execution time {})", c.quote_identifier(schema),
                             format_duration(elapsed_ms(start)));
                result.schemas_cleaned.push_back(schema);
            }
            // A second pass in reverse order catches objects that depended on a later schema's.
            for (auto it = existing.rbegin(); it != existing.rend(); ++it) c.clean_schema(*it);
            for (const std::string& schema : created) {
                if (!c.inspect_schema(schema).exists) continue;
                const auto start = std::chrono::steady_clock::now();
                try {
                    c.drop_schema(schema);
                    spdlog::info("Successfully dropped schema {} (execution time {})", c.quote_identifier(schema),
                                 format_duration(elapsed_ms(start)));
                    result.schemas_dropped.push_back(schema);
                    std::erase(result.schemas_cleaned, schema);
                } catch (const error&) {
                    if (one_transaction) throw;  // the failure ended the transaction, and the lock with it
                    spdlog::warn("Unable to drop schema {}. It was cleaned instead.", c.quote_identifier(schema));
                }
            }
            if (one_transaction) c.commit();
            s.rows().table_now_exists(false);  // it went with the rest
        } catch (const error&) {
            s.rows().table_now_exists(false);  // some of the schemas may be gone
            if (one_transaction) {
                try {
                    c.rollback();
                } catch (...) {
                }
            }
            throw;
        }
    });
    return result;
}

}  // namespace jetway::core
