// SPDX-License-Identifier: Apache-2.0
// The sources of settings, each turned into raw settings with their origin.
#pragma once

#include "raw_setting.hpp"

#include <map>
#include <string>

namespace jetway::core {

/// A legacy flyway.conf (spec §10.3): trimmed lines, backslashes kept, '\' continuations,
/// ${NAME} from `environment`. Keys without "flyway." are ignored. `name` is used in origins.
raw_settings read_conf_text(const std::string& text, const std::string& name,
                            const std::map<std::string, std::string>& environment);

/// A flyway.toml: [flyway] keys and [environments.<e>] blocks flattened to
/// "environments.<e>.<key>". ${env.VAR} resolved, $${...} and !{...} kept literal. Throws
/// core::error with line and column on a syntax error.
raw_settings read_toml_text(const std::string& text, const std::string& name,
                            const std::map<std::string, std::string>& environment);

/// FLYWAY_* variables: the fixed names of known settings plus the FLYWAY_PLACEHOLDERS_* and
/// FLYWAY_JDBC_PROPERTIES_* families.
raw_settings read_environment(const std::map<std::string, std::string>& environment);

}  // namespace jetway::core
