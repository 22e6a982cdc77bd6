// SPDX-License-Identifier: Apache-2.0
// One row of flyway_schema_history (spec §4.2).
#pragma once

#include <jetway/core/migration_version.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace jetway::core {

struct applied_migration {
    int installed_rank = 0;
    std::optional<migration_version> version;  // NULL for repeatables and the SCHEMA marker
    std::string description;
    std::string type;
    std::string script;
    std::optional<std::int32_t> checksum;
    std::string installed_by;
    std::string installed_on;  // as the database returned it
    int execution_time = 0;
    bool success = true;
};

/// Types Flyway writes for rows that are not migrations of their own.
bool is_synthetic_type(const std::string& type);
/// BASELINE, SQL_BASELINE, JDBC_BASELINE.
bool is_baseline_type(const std::string& type);
/// UNDO_SQL, UNDO_SCRIPT, UNDO_JDBC.
bool is_undo_type(const std::string& type);

}  // namespace jetway::core
