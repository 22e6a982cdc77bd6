// SPDX-License-Identifier: Apache-2.0
// What `jetway --help` says, kept as data so the man page is made from the same source.
#pragma once

#include <string>

namespace jetway::cli {

/// The usage text for --help.
std::string usage_text();

/// One command's help: what it does and only the settings it reads. Throws core::error
/// (usage) for an unknown command.
std::string command_help(const std::string& command);
/// The same content as a roff man page (jetway.1), for --man.
std::string man_page();

}  // namespace jetway::cli
