// SPDX-License-Identifier: Apache-2.0
// What the core needs to know about a connection URL: its scheme, where its secrets are, and a
// form safe to print. The one place that reads user:password@ and password= out of a URL.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jetway::core {

/// The scheme that picks a driver plugin: the text before the first ':', after an optional
/// leading "jdbc:" (jdbc:postgresql://h/db -> postgresql, sqlite:app.db -> sqlite). Lower case.
/// Empty when the text has no valid scheme (RFC 3986 characters) before a ':'.
std::string url_scheme(std::string_view url);

/// What every secret becomes wherever Jetway prints it.
inline constexpr std::string_view masked_secret = "***";

/// The credentials a URL carries, as views into it (still percent-encoded): the authority's
/// user and password (user:password@host; the password may hold '@', ':' or '/'), and the
/// values of secret query parameters (?password=x&..., ;password=x as some JDBC URLs write them).
struct url_credentials {
    std::optional<std::string_view> user;
    std::optional<std::string_view> password;
    std::vector<std::string_view> secret_parameters;
};

/// Finds the credentials of `url`, which need not parse otherwise.
url_credentials find_url_credentials(std::string_view url);

/// Whether a query parameter's key names a secret (password, pwd, sslpassword ...).
bool is_secret_parameter(std::string_view key);

/// The URL with every credential masked: user:***@host, password=*** (and other secret-looking
/// query keys) in query strings. Works on URLs that do not parse too: never prints a password.
std::string redact_url(std::string_view url);

/// Where a URL's server is, "host:port" as written, credentials left out; "" for a URL without
/// an authority (sqlite:app.db). A fleet run counts its connections per server by it.
std::string url_server(std::string_view url);

/// The URL naming another database on the same server: its path replaced by `database`
/// (jdbc:postgresql://h/a?ssl=true -> jdbc:postgresql://h/b?ssl=true). std::nullopt for a URL
/// without an authority.
std::optional<std::string> url_with_database(std::string_view url, std::string_view database);

}  // namespace jetway::core
