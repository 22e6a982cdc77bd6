// SPDX-License-Identifier: Apache-2.0
// validate (spec §1.5, §14.1): what is on disk against what history says was applied.
#include <jetway/core/error.hpp>

#include "../callbacks/callback_runner.hpp"
#include "command_support.hpp"
#include "commands.hpp"

#include <spdlog/spdlog.h>

namespace jetway::core {
namespace {

std::string code_of(const std::string& message) {
    if (message.rfind("Detected failed migration", 0) == 0) return "FAILED_VERSIONED_MIGRATION";
    if (message.rfind("Detected failed repeatable", 0) == 0) return "FAILED_REPEATABLE_MIGRATION";
    if (message.rfind("Detected applied migration not resolved", 0) == 0) return "APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED";
    if (message.rfind("Detected resolved repeatable migration not applied", 0) == 0) return "RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED";
    if (message.rfind("Detected resolved migration not applied", 0) == 0) return "RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED";
    if (message.rfind("Detected outdated", 0) == 0) return "OUTDATED_REPEATABLE_MIGRATION";
    if (message.rfind("Migration type mismatch", 0) == 0) return "TYPE_MISMATCH";
    if (message.rfind("Migration checksum mismatch", 0) == 0) return "CHECKSUM_MISMATCH";
    if (message.rfind("Migration description mismatch", 0) == 0) return "DESCRIPTION_MISMATCH";
    return "VALIDATE_ERROR";
}

}  // namespace

std::string validation_failure_message(const validate_result& result) {
    std::string message = "Validate failed: Migrations have failed validation";
    for (const std::string& e : result.error_messages) message += "\n" + e;
    return message + "\nNeed more flexibility with validation rules? Learn more: "
                     "https://rd.gt/3AbJUZE";
}

validate_result run_validate(session& s, const std::vector<std::string>& extra_patterns, bool quiet_success) {
    const configuration& config = s.config();
    // Current Flyway (11.0.1 on) refuses it wherever it validates: it wiped databases.
    if (config.clean_on_validation_error) throw error(error_code::configuration, "cleanOnValidationError has been removed");
    validate_result result;
    result.database = s.default_schema();
    s.callbacks().fire("beforeValidate");
    const auto start = std::chrono::steady_clock::now();
    const auto patterns = ignore_patterns(config, extra_patterns);
    const migration_info_set infos = s.refresh({config.target, config.out_of_order, config.cherry_pick});
    result.validate_count = static_cast<int>(infos.all().size());
    result.error_messages = infos.validate(patterns);
    for (const std::string& message : result.error_messages)
        result.invalid_migrations.push_back({"", "", "", code_of(message), message});
    result.validation_successful = result.error_messages.empty();
    if (result.validation_successful) {
        const int n = result.validate_count;
        spdlog::info("Successfully validated {} migration{} (execution time {})", n, n == 1 ? "" : "s",
                     format_duration(elapsed_ms(start)));
        if (n == 0 && !quiet_success) {
            spdlog::warn("No migrations found. Are your locations set up correctly?");
            result.warnings.push_back("No migrations found. Are your locations set up correctly?");
        }
        s.callbacks().fire("afterValidate");
    } else {
        s.callbacks().fire("afterValidateError");
    }
    return result;
}

}  // namespace jetway::core
