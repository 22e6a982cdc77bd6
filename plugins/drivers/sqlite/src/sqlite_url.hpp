// SPDX-License-Identifier: Apache-2.0
// SQLite connection URLs: jdbc:sqlite:PATH, sqlite:PATH, sqlite:///ABS/PATH, ...:memory:
#pragma once

#include <string>
#include <string_view>

namespace jetway::sqlite {

/// The file name (or ":memory:") a URL names. Throws sdk::error for a URL that is not SQLite's.
std::string database_path_from_url(std::string_view url);

}  // namespace jetway::sqlite
