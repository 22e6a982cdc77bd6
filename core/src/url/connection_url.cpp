// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/connection_url.hpp>

#include "../support/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace jetway::core {
namespace {

// The "k=v" pairs of a "k=v&k=v" or "k=v;k=v" list, calling `on_value` for each value. A '?'
// separates too: in a URL of mixed styles (";a=b?password=x") a value must not swallow the next
// pair.
template <class OnValue>
void for_each_parameter(std::string_view params, OnValue on_value) {
    std::size_t start = 0;
    while (start <= params.size()) {
        std::size_t end = params.find_first_of("&;?", start);
        if (end == std::string_view::npos) end = params.size();
        const std::string_view pair = params.substr(start, end - start);
        if (const std::size_t eq = pair.find('='); eq != std::string_view::npos)
            on_value(trim(pair.substr(0, eq)), pair.substr(eq + 1));
        start = end + 1;
    }
}

// Where the host:port of `url` starts and ends: after "//" and any user:password@, up to the
// path, query or fragment. std::nullopt without "//".
std::optional<std::pair<std::size_t, std::size_t>> authority_span(std::string_view url) {
    const std::size_t slashes = url.find("//");
    if (slashes == std::string_view::npos) return std::nullopt;
    std::size_t start = slashes + 2;
    // As in find_url_credentials: the password may hold '@' and '/', so the last '@' before the
    // query ends the user part.
    const std::size_t query = url.find_first_of("?;", start);
    if (const std::size_t at = url.rfind('@', query == std::string_view::npos ? url.size() : query);
        at != std::string_view::npos && at >= start)
        start = at + 1;
    std::size_t end = url.find_first_of("/?;#", start);
    if (end == std::string_view::npos) end = url.size();
    return std::make_pair(start, end);
}

}  // namespace

std::string url_server(std::string_view url) {
    const auto span = authority_span(url);
    return span ? std::string(url.substr(span->first, span->second - span->first)) : std::string{};
}

std::optional<std::string> url_with_database(std::string_view url, std::string_view database) {
    const auto span = authority_span(url);
    if (!span) return std::nullopt;
    std::size_t path_end = url.find_first_of("?;#", span->second);
    if (path_end == std::string_view::npos) path_end = url.size();
    return std::string(url.substr(0, span->second)) + "/" + std::string(database) + std::string(url.substr(path_end));
}

bool is_secret_parameter(std::string_view key) {
    // Query keys that carry secrets across the drivers' URL grammars.
    static constexpr std::array<std::string_view, 6> secrets = {
        "password", "pass", "pwd", "passwd", "sslpassword", "secret"};
    const std::string k = to_lower(key);
    return std::find(secrets.begin(), secrets.end(), k) != secrets.end();
}

url_credentials find_url_credentials(std::string_view url) {
    url_credentials found;
    std::string_view rest = url;
    // user:password@ in the authority part. The password may itself hold '@', ':' or '/', so
    // the authority ends at the LAST '@' before the query.
    if (const std::size_t slashes = rest.find("//"); slashes != std::string_view::npos) {
        rest.remove_prefix(slashes + 2);
        if (const std::size_t at = rest.rfind('@', rest.find('?')); at != std::string_view::npos) {
            const std::string_view userinfo = rest.substr(0, at);
            const std::size_t colon = userinfo.find(':');
            found.user = userinfo.substr(0, colon);
            if (colon != std::string_view::npos) found.password = userinfo.substr(colon + 1);
            rest.remove_prefix(at + 1);
        }
    }
    if (const std::size_t query = rest.find_first_of("?;"); query != std::string_view::npos)
        for_each_parameter(rest.substr(query + 1), [&](std::string_view key, std::string_view value) {
            if (is_secret_parameter(key)) found.secret_parameters.push_back(value);
        });
    return found;
}

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
    // Every secret is a view into `url`: copy the text between them, mask each.
    const url_credentials found = find_url_credentials(url);
    std::vector<std::string_view> secrets = found.secret_parameters;
    if (found.password) secrets.push_back(*found.password);
    std::sort(secrets.begin(), secrets.end(), [](std::string_view a, std::string_view b) { return a.data() < b.data(); });
    std::string out;
    const char* copied = url.data();
    for (const std::string_view secret : secrets) {
        out.append(copied, secret.data());
        out.append(masked_secret);
        copied = secret.data() + secret.size();
    }
    out.append(copied, url.data() + url.size());
    return out;
}

}  // namespace jetway::core
