// SPDX-License-Identifier: Apache-2.0
// What the core needs to know about a connection URL: its scheme, and a form safe to print.
#pragma once

#include <string>
#include <string_view>

namespace jetway::core {

/// The scheme that picks a driver plugin: the text before the first ':', after an optional
/// leading "jdbc:" (jdbc:postgresql://h/db -> postgresql, sqlite:app.db -> sqlite). Lower case.
/// Empty when the text has no valid scheme (RFC 3986 characters) before a ':'.
std::string url_scheme(std::string_view url);

/// The URL with every credential masked: user:***@host, password=*** (and other secret-looking
/// query keys) in query strings. Works on URLs that do not parse too: never prints a password.
std::string redact_url(std::string_view url);

}  // namespace jetway::core
