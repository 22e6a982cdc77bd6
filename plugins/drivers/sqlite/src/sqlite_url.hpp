// SPDX-License-Identifier: Apache-2.0
// SQLite connection URLs as JDBC, platforms and ORMs write them: jdbc:sqlite:PATH, sqlite:PATH,
// sqlite3:PATH, sqlite:///ABS/PATH, file:PATH, file:///ABS/PATH, ...:memory:, each with optional
// ?parameters.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jetway::sqlite {

/// What a URL asks for: the name sqlite3_open_v2 gets (a path, ":memory:" or a file: URI that
/// carries SQLite's own URI parameters) and the PRAGMAs its other parameters set, in order.
struct database_target {
    std::string filename;
    std::vector<std::pair<std::string, std::string>> pragmas;
};

/// Parses a SQLite URL. Parameters that SQLite's URI filenames know (mode, cache, immutable,
/// nolock, psow, vfs) stay in the filename; the PRAGMAs sqlite-jdbc takes as parameters
/// (journal_mode, foreign_keys, busy_timeout ...) are returned to run after opening; any other
/// parameter is reported as ignored. Throws sdk::error for a URL that is not SQLite's or a
/// parameter value that is not a plain word or number.
database_target database_target_from_url(std::string_view url);

}  // namespace jetway::sqlite
