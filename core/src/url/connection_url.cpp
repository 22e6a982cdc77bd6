// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/connection_url.hpp>

#include "../support/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace jetway::core {
namespace {

bool is_secret_key(std::string_view key) {
    // Query keys that carry secrets across the drivers' URL grammars.
    static constexpr std::array<std::string_view, 6> secrets = {
        "password", "pass", "pwd", "passwd", "sslpassword", "secret"};
    const std::string k = to_lower(key);
    return std::find(secrets.begin(), secrets.end(), k) != secrets.end();
}

// Masks the value of every secret key in a "k=v&k=v" or "k=v;k=v" list. A '?' separates too:
// in a URL of mixed styles (";a=b?password=x") the value must not swallow the next pair.
std::string redact_parameters(std::string_view params) {
    std::string out;
    std::size_t start = 0;
    while (start <= params.size()) {
        std::size_t end = params.find_first_of("&;?", start);
        if (end == std::string_view::npos) end = params.size();
        const std::string_view pair = params.substr(start, end - start);
        const std::size_t eq = pair.find('=');
        if (eq != std::string_view::npos && is_secret_key(trim(pair.substr(0, eq)))) {
            out.append(pair.substr(0, eq + 1));
            out.append("***");
        } else {
            out.append(pair);
        }
        if (end < params.size()) out.push_back(params[end]);
        start = end + 1;
    }
    return out;
}

}  // namespace

std::string url_scheme(std::string_view url) {
    if (to_lower(url.substr(0, 5)) == "jdbc:") url.remove_prefix(5);
    const std::size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0) return {};
    const std::string_view scheme = url.substr(0, colon);
    // RFC 3986: a letter, then letters, digits, '+', '-', '.'. Anything else means the text is
    // not a URL at all, and none of it may be echoed back (it could hold a password).
    if (!std::isalpha(static_cast<unsigned char>(scheme[0]))) return {};
    for (const char c : scheme)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return {};
    return to_lower(scheme);
}

std::string redact_url(std::string_view url) {
    std::string out;
    // user:password@ in the authority part. The password may itself hold '@', ':' or '/', so
    // the authority ends at the LAST '@' before the path's first '/' after it.
    std::string_view rest = url;
    const std::size_t slashes = rest.find("//");
    if (slashes != std::string_view::npos) {
        out.append(rest.substr(0, slashes + 2));
        rest.remove_prefix(slashes + 2);
        const std::size_t at = rest.rfind('@', rest.find('?'));
        if (at != std::string_view::npos) {
            const std::string_view userinfo = rest.substr(0, at);
            const std::size_t colon = userinfo.find(':');
            if (colon != std::string_view::npos) {
                out.append(userinfo.substr(0, colon));
                out.append(":***");
            } else {
                out.append(userinfo);
            }
            out.push_back('@');
            rest.remove_prefix(at + 1);
        }
    }
    // Query parameters: ?a=b&password=x, and ;password=x as some JDBC URLs write them.
    const std::size_t query = rest.find_first_of("?;");
    if (query == std::string_view::npos) {
        out.append(rest);
        return out;
    }
    out.append(rest.substr(0, query + 1));
    out.append(redact_parameters(rest.substr(query + 1)));
    return out;
}

}  // namespace jetway::core
