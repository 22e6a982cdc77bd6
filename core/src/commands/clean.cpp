// SPDX-License-Identifier: Apache-2.0
// clean (spec §1.6, §12): drop every object in the managed schemas. Refused by default.
#include <jetway/core/error.hpp>

#include "../engine/callback_runner.hpp"
#include "command_support.hpp"
#include "commands.hpp"

#include <spdlog/spdlog.h>

namespace jetway::core {

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
    s.callbacks().fire("beforeClean");
    try {
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
        s.callbacks().fire("afterClean");
    } catch (const error&) {
        s.callbacks().fire_on_error("afterCleanError");
        throw;
    }
    return result;
}

}  // namespace jetway::core
