// SPDX-License-Identifier: Apache-2.0
// Flyway's command-line grammar: bare words are commands, -key=value are settings, a few flags.
#pragma once

#include <string>
#include <vector>

namespace jetway::cli {

struct cli_setting {
    std::string key;  // as written, without the leading '-' (e.g. "url", "placeholders.x")
    std::string value;
};

struct cli_arguments {
    std::vector<std::string> commands;  // in the order given
    std::vector<cli_setting> settings;  // in the order given; later ones win
    bool debug = false;                 // -X
    bool quiet = false;                 // -q
    bool version = false;               // -v, --version
    bool help = false;                  // -?, -h, --help, help
    bool man = false;                   // --man: the man page, for packaging
};

/// Parses argv[1..]. Throws core::error (usage) with Flyway's wording for an invalid flag.
cli_arguments parse_arguments(const std::vector<std::string>& args);

}  // namespace jetway::cli
