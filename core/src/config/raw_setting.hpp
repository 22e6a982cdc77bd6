// SPDX-License-Identifier: Apache-2.0
// A setting as a source wrote it, before it is typed: key, text or list, and where it was set.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace jetway::core {

struct raw_setting {
    std::string key;    // Flyway's name without "flyway." (url, placeholders.x, environments.e.url)
    std::string value;  // the text; for a TOML array, the items joined by ','
    std::optional<std::vector<std::string>> items;  // set when the source had a real list
    std::string origin;                             // "file /x/flyway.conf:3", "argument -url"
};

using raw_settings = std::vector<raw_setting>;

}  // namespace jetway::core
