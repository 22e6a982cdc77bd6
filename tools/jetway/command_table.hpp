// SPDX-License-Identifier: Apache-2.0
// The commands the jetway binary knows, one row each: its name, the usage line, and what running
// it prints. A new command is a row here and a method on core::engine.
#pragma once

#include "command_context.hpp"

#include <span>
#include <string_view>

namespace jetway::cli {

struct cli_command {
    std::string_view name;
    std::string_view summary;  // the usage text's line
    void (*run)(command_context& context);
    unsigned setting_scopes;   // setting_scope bits: which settings its help lists
};

/// Every command, in the order the usage text lists them.
std::span<const cli_command> command_table();

/// The row for `name`, or null when there is no such command.
const cli_command* find_command(std::string_view name);

}  // namespace jetway::cli
