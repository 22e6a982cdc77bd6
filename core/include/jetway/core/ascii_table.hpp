// SPDX-License-Identifier: Apache-2.0
// Flyway's ASCII table (spec §1.12): +---+ rulers, | cell | rows, columns as wide as their text.
#pragma once

#include <string>
#include <vector>

namespace jetway::core {

/// Renders `rows` under `headers`; with no rows the body is "| <empty_text>" padded to width.
std::string render_ascii_table(const std::vector<std::string>& headers,
                               const std::vector<std::vector<std::string>>& rows,
                               const std::string& empty_text);

}  // namespace jetway::core
