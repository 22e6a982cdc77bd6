// SPDX-License-Identifier: Apache-2.0
#include "sqlite_url.hpp"

#include <jetway/sdk/error.hpp>
#include <jetway/sdk/log.hpp>
#include <jetway/sdk/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace jetway::sqlite {
namespace {

bool strip_prefix(std::string_view& text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    text.remove_prefix(prefix.size());
    return true;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Parameters SQLite itself reads from a URI filename (sqlite.org/uri.html).
bool is_uri_parameter(const std::string& key) {
    static constexpr std::array<std::string_view, 6> keys = {"mode", "cache", "immutable", "nolock", "psow", "vfs"};
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// The PRAGMAs sqlite-jdbc accepts as URL parameters, so a Flyway user's jdbc:sqlite: URL means
// the same here.
bool is_pragma_parameter(const std::string& key) {
    static constexpr std::array<std::string_view, 17> keys = {
        "journal_mode", "synchronous", "foreign_keys", "busy_timeout", "cache_size", "temp_store",
        "locking_mode", "recursive_triggers", "case_sensitive_like", "secure_delete", "auto_vacuum",
        "page_size", "encoding", "legacy_alter_table", "count_changes", "application_id", "user_version"};
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// A PRAGMA value goes into SQL text: only words, numbers and dashes, never anything to quote.
bool is_plain_value(std::string_view value) {
    return !value.empty() && std::all_of(value.begin(), value.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-';
    });
}

// A path inside a file: URI: the characters that would end or escape it are percent-encoded.
std::string uri_path(std::string_view path) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : path) {
        if (c == '?' || c == '#' || c == '%') {
            out += '%';
            out += hex[static_cast<unsigned char>(c) >> 4];
            out += hex[static_cast<unsigned char>(c) & 15];
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

database_target database_target_from_url(std::string_view url) {
    std::string_view rest = url;
    strip_prefix(rest, "jdbc:");
    const bool sqlite_scheme = strip_prefix(rest, "sqlite:") || strip_prefix(rest, "sqlite3:");
    // file: URLs (DATABASE_URL=file:///data/app.db, Prisma's file:./dev.db) are SQLite URI
    // filenames already, as is jdbc:sqlite:file:app.db?mode=ro.
    const bool uri = rest.size() >= 5 && lower(rest.substr(0, 5)) == "file:";
    if (!sqlite_scheme && !uri) throw sdk::connection_error("not a SQLite URL: " + std::string(url));

    std::string_view query;
    if (const auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    // sqlite:///abs/path and sqlite://rel/path are the spellings platforms inject; the
    // authority part is empty, so what follows "//" is the path.
    if (!uri && rest.substr(0, 2) == "//") rest.remove_prefix(2);
    if (rest.empty() || (uri && (rest == "file:" || rest == "file://" || rest == "file:///")))
        throw sdk::connection_error("the SQLite URL names no database file: " + std::string(url) +
                                    " (write jdbc:sqlite:PATH, sqlite:///ABSOLUTE/PATH, file:///ABSOLUTE/PATH or "
                                    "jdbc:sqlite::memory:)");

    database_target target;
    std::string uri_parameters;
    for (const sdk::query_parameter& p : sdk::query_parameters(query)) {
        const std::string key = lower(p.key);
        const std::string& value = p.value;
        if (is_uri_parameter(key)) {
            uri_parameters += uri_parameters.empty() ? '?' : '&';
            uri_parameters += p.raw;
        } else if (is_pragma_parameter(key)) {
            if (!is_plain_value(value))
                throw sdk::error(JW_E_INVALID_ARGUMENT, "the SQLite URL parameter " + key + " has the value '" + value +
                                                            "': expected a word or a number");
            target.pragmas.emplace_back(key, value);
        } else {
            sdk::log_warn("ignoring the connection parameter '" + key + "': SQLite has no such setting");
        }
    }
    if (uri) target.filename = std::string(rest) + uri_parameters;
    else if (uri_parameters.empty() || rest == ":memory:") target.filename = std::string(rest);
    else target.filename = "file:" + uri_path(rest) + uri_parameters;
    return target;
}

}  // namespace jetway::sqlite
