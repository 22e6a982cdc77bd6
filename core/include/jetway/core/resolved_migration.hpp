// SPDX-License-Identifier: Apache-2.0
// A migration found on disk, before anything is known of the database.
#pragma once

#include <jetway/core/migration_version.hpp>
#include <jetway/sdk/extension.hpp>

#include <memory>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace jetway::core {

enum class migration_kind { versioned, repeatable, baseline, undo };

/// What a per-script <file>.conf (spec §6.7) overrides.
struct script_settings {
    std::optional<bool> execute_in_transaction;
    std::optional<std::string> encoding;
    std::optional<bool> placeholder_replacement;
    std::optional<std::string> should_execute;  // expression; false/true after placeholders
};

struct resolved_migration {
    migration_kind kind = migration_kind::versioned;
    std::optional<migration_version> version;  // absent for repeatables
    std::string raw_version;                   // as written in the file name ("1_1")
    std::string description;
    std::string type;    // history type: SQL, SCRIPT, SQL_BASELINE, UNDO_SQL
    std::string script;  // path relative to its location, '/'-separated
    std::filesystem::path path;  // absolute path on disk (for a plugin's: where it says it comes from)
    std::optional<std::int32_t> checksum;            // what history stores
    std::optional<std::int32_t> equivalent_checksum;  // R: the raw-text checksum, also accepted
    bool is_script = false;                           // run as a program (.sh, .py ...)
    std::string encoding;                             // the effective encoding of the file
    bool placeholder_replacement = true;              // effective for this file
    script_settings settings;
    /// The resolver that offered it and runs it (built-in or plugin; a plugin's stays loaded),
    /// and the migration's index in that resolver's list. Unset only on the scan's own records.
    std::shared_ptr<sdk::resolver> resolver;
    std::size_t resolver_index = 0;
};

/// A SQL (or script) callback file.
struct resolved_callback {
    std::string event;        // e.g. beforeMigrate
    std::string description;  // "" for beforeMigrate.sql; sorts callbacks of one event
    std::string script;
    std::filesystem::path path;
    bool is_script = false;
    std::string encoding;
    bool placeholder_replacement = true;
    script_settings settings;
};

/// The text form used in messages: "1.1 (description)" or the description for repeatables.
std::string migration_label(const resolved_migration& m);

}  // namespace jetway::core
