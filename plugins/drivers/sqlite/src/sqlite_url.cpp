// SPDX-License-Identifier: Apache-2.0
#include "sqlite_url.hpp"

#include <jetway/sdk/error.hpp>

namespace jetway::sqlite {
namespace {
bool strip_prefix(std::string_view& text, std::string_view prefix) {
    if (text.substr(0, prefix.size()) != prefix) return false;
    text.remove_prefix(prefix.size());
    return true;
}
}  // namespace

std::string database_path_from_url(std::string_view url) {
    std::string_view rest = url;
    strip_prefix(rest, "jdbc:");
    if (!strip_prefix(rest, "sqlite:") && !strip_prefix(rest, "sqlite3:"))
        throw sdk::connection_error("not a SQLite URL: " + std::string(url));
    // SQLite's own URI filenames (file:app.db?mode=ro) go through untouched: the connection is
    // opened with SQLITE_OPEN_URI, so mode=ro, cache=shared and the like work as SQLite documents.
    if (rest.substr(0, 5) == "file:") return std::string(rest);
    // sqlite:///abs/path and sqlite://rel/path are the URI spellings platforms inject; the
    // authority part is empty, so what follows "//" is the path.
    if (rest.substr(0, 2) == "//") rest.remove_prefix(2);
    // JDBC-style options after '?' (e.g. ?journal_mode=WAL) are not part of the file name.
    if (const auto q = rest.find('?'); q != std::string_view::npos) rest = rest.substr(0, q);
    if (rest.empty())
        throw sdk::connection_error("the SQLite URL names no database file: " + std::string(url) +
                                    " (write jdbc:sqlite:PATH, sqlite:///ABSOLUTE/PATH or "
                                    "jdbc:sqlite::memory:)");
    return std::string(rest);
}

}  // namespace jetway::sqlite
