// SPDX-License-Identifier: Apache-2.0
// Flyway's file-name grammar (spec §2.1, §2.2): PREFIX VERSION SEPARATOR DESCRIPTION SUFFIX.
#pragma once

#include <jetway/core/configuration.hpp>
#include <jetway/core/resolved_migration.hpp>

#include <optional>
#include <string>

namespace jetway::core {

struct parsed_name {
    bool is_callback = false;
    std::string callback_event;  // when is_callback
    migration_kind kind = migration_kind::versioned;
    std::optional<migration_version> version;
    std::string raw_version;
    std::string description;
    bool is_script = false;  // a script extension (or none) rather than a SQL suffix
};

/// The outcome for one file name: a migration or callback, an invalid name with Flyway's
/// message, or a file that is not a candidate at all (README.md, V2__x.sql.conf).
struct name_result {
    std::optional<parsed_name> name;
    std::string invalid;       // Flyway's message when the name is a broken migration name
    bool counts_as_sql = false;  // ends in a SQL suffix: reported by validateMigrationNaming
};

name_result parse_migration_name(const std::string& file_name, const configuration& config);

}  // namespace jetway::core
