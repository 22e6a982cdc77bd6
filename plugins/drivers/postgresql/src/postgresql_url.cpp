// SPDX-License-Identifier: Apache-2.0
#include "postgresql_url.hpp"

#include <jetway/sdk/error.hpp>
#include <jetway/sdk/log.hpp>
#include <jetway/sdk/text.hpp>

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace jetway::pg {
namespace {

bool strip_prefix(std::string_view& text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    text.remove_prefix(prefix.size());
    return true;
}

// The keywords this libpq accepts, so a JDBC-only parameter is reported, not fatal.
const std::set<std::string>& libpq_keywords() {
    static const std::set<std::string> known = [] {
        std::set<std::string> out;
        PQconninfoOption* options = PQconndefaults();
        for (PQconninfoOption* o = options; o != nullptr && o->keyword != nullptr; ++o) out.insert(o->keyword);
        PQconninfoFree(options);
        return out;
    }();
    return known;
}

void set(keywords& kw, const std::string& key, const std::string& value) {
    for (auto& [k, v] : kw)
        if (k == key) {
            v = value;
            return;
        }
    kw.emplace_back(key, value);
}

bool has(const keywords& kw, const std::string& key) {
    return std::any_of(kw.begin(), kw.end(), [&](const auto& p) { return p.first == key; });
}

// One JDBC or libpq parameter onto the keywords (pgjdbc names mapped to libpq's).
void add_parameter(keywords& kw, const std::string& key, const std::string& value) {
    std::string lower = key;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "ssl") {
        if (!has(kw, "sslmode")) set(kw, "sslmode", value == "true" ? "require" : "disable");
    } else if (lower == "sslmode" || lower == "sslrootcert" || lower == "sslcert" || lower == "sslkey" ||
               lower == "sslpassword") {
        set(kw, lower, value);
    } else if (lower == "currentschema" || lower == "schema") {
        // schema= is how Prisma's DATABASE_URL names the schema; it means what currentSchema does.
        set(kw, "options", "-c search_path=" + value);
    } else if (lower == "connecttimeout") {
        set(kw, "connect_timeout", value);
    } else if (lower == "applicationname" || lower == "application_name") {
        set(kw, "application_name", value);
    } else if (lower == "user" || lower == "password" || lower == "dbname") {
        set(kw, lower, value);
    } else if (libpq_keywords().count(key) != 0) {
        set(kw, key, value);
    } else {
        sdk::log_warn("ignoring the connection parameter '" + key + "': libpq has no equivalent");
    }
}

void add_query(keywords& kw, std::string_view query) {
    for (const sdk::query_parameter& p : sdk::query_parameters(query)) add_parameter(kw, p.key, p.value);
}

// h1:5432,h2,[::1]:5433 -> host=h1,h2,::1 port=5432,,5433
void add_hosts(keywords& kw, std::string_view hosts) {
    std::vector<std::string> host_list, port_list;
    while (!hosts.empty()) {
        const std::size_t comma = hosts.find(',');
        const std::string_view h = hosts.substr(0, comma);
        hosts = comma == std::string_view::npos ? std::string_view{} : hosts.substr(comma + 1);
        std::string_view host = h, port;
        if (!h.empty() && h.front() == '[') {
            const std::size_t close = h.find(']');
            host = h.substr(1, close - 1);
            if (close + 1 < h.size() && h[close + 1] == ':') port = h.substr(close + 2);
        } else if (const std::size_t colon = h.rfind(':'); colon != std::string_view::npos) {
            host = h.substr(0, colon);
            port = h.substr(colon + 1);
        }
        host_list.push_back(sdk::percent_decode(host));
        port_list.emplace_back(port);
    }
    auto join = [](const std::vector<std::string>& items) {
        std::string out;
        for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
        return out;
    };
    if (!host_list.empty() && !(host_list.size() == 1 && host_list[0].empty())) set(kw, "host", join(host_list));
    if (std::any_of(port_list.begin(), port_list.end(), [](const std::string& p) { return !p.empty(); }))
        set(kw, "port", join(port_list));
}

}  // namespace

keywords connection_keywords(std::string_view url, const sdk::connect_options& options) {
    std::string_view rest = url;
    keywords kw;
    const bool jdbc = strip_prefix(rest, "jdbc:");
    if (!strip_prefix(rest, "postgresql:") && !strip_prefix(rest, "postgres:"))
        throw sdk::connection_error("not a PostgreSQL URL (expected jdbc:postgresql:, postgresql: or postgres:)");
    std::string_view query;
    if (const std::size_t q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    if (rest.substr(0, 2) == "//") {
        rest.remove_prefix(2);
        const std::size_t slash = rest.find('/');
        std::string_view authority = rest.substr(0, slash);
        const std::string_view db = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
        // user:password@ (native URLs; pgjdbc does not have it but users write it anyway).
        if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
            const std::string_view userinfo = authority.substr(0, at);
            authority.remove_prefix(at + 1);
            const std::size_t colon = userinfo.find(':');
            set(kw, "user", sdk::percent_decode(userinfo.substr(0, colon)));
            if (colon != std::string_view::npos) set(kw, "password", sdk::percent_decode(userinfo.substr(colon + 1)));
        }
        add_hosts(kw, authority);
        if (!db.empty()) set(kw, "dbname", sdk::percent_decode(db));
    } else if (!rest.empty()) {
        set(kw, "dbname", sdk::percent_decode(rest));  // jdbc:postgresql:db means localhost
        (void)jdbc;
    }
    add_query(kw, query);
    for (const auto& [key, value] : options) {
        if (key == "user" || key == "password") set(kw, key, value);
        else if (key.rfind("jdbcProperties.", 0) == 0) add_parameter(kw, key.substr(15), value);
    }
    if (!has(kw, "application_name")) set(kw, "application_name", "Jetway");
    return kw;
}

}  // namespace jetway::pg
