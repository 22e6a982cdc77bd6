// SPDX-License-Identifier: Apache-2.0
// What each setting does and which commands read it: the per-command help text
// (jetway help migrate, jetway migrate -h) lists only the settings its command reads.
#pragma once

#include <span>
#include <string_view>

namespace jetway::cli {

/// Groups of settings; a command reads the union of its groups.
enum setting_scope : unsigned {
    scope_output = 1u << 0,    // every command: where and how results and logs go
    scope_connect = 1u << 1,   // commands that reach a database
    scope_naming = 1u << 2,    // how migration files are named and found
    scope_resolve = 1u << 3,   // commands that read the migrations' content
    scope_migrate = 1u << 4,
    scope_info = 1u << 5,
    scope_validate = 1u << 6,  // validate, and migrate's validateOnMigrate
    scope_baseline = 1u << 7,
    scope_repair = 1u << 8,
    scope_clean = 1u << 9,
    scope_undo = 1u << 10,
    scope_fleet = 1u << 11,    // one command over many targets
    scope_add = 1u << 12,
    scope_init = 1u << 13,
    scope_plugins = 1u << 14,
    scope_check = 1u << 15,
};

struct setting_help {
    std::string_view name;  // as written after '-', e.g. "url", "placeholders.<name>"
    std::string_view value;  // what the value looks like, e.g. "<url>", "true"
    std::string_view text;
    unsigned scopes;
};

/// Every setting Jetway reads, in the order the help lists them.
std::span<const setting_help> setting_helps();

}  // namespace jetway::cli
