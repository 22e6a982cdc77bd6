// SPDX-License-Identifier: Apache-2.0
#include "mysql_url.hpp"

#include <jetway/sdk/error.hpp>
#include <jetway/sdk/log.hpp>
#include <jetway/sdk/text.hpp>

#include <cppconn/connection.h>

#include <algorithm>
#include <cctype>

namespace jetway::mysql {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool strip(std::string_view& text, std::string_view prefix) {
    if (lower(std::string(text.substr(0, prefix.size()))) != prefix) return false;
    text.remove_prefix(prefix.size());
    return true;
}

int ssl_mode_named(const std::string& value) {
    const std::string v = lower(value);
    if (v == "disabled" || v == "disable" || v == "false") return sql::SSL_MODE_DISABLED;
    if (v == "preferred" || v == "prefer") return sql::SSL_MODE_PREFERRED;
    // MariaDB Connector/J's "trust" encrypts without checking the certificate.
    if (v == "required" || v == "require" || v == "trust" || v == "true") return sql::SSL_MODE_REQUIRED;
    if (v == "verify_ca" || v == "verify-ca") return sql::SSL_MODE_VERIFY_CA;
    if (v == "verify_identity" || v == "verify-full" || v == "verify_full") return sql::SSL_MODE_VERIFY_IDENTITY;
    throw sdk::error(JW_E_INVALID_ARGUMENT, "unknown SSL mode '" + value +
                                                "' (use DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY)");
}

void apply(connect_target& t, const std::string& key, const std::string& value) {
    const std::string k = lower(key);
    if (k == "user") t.user = value;
    else if (k == "password") t.password = value;
    else if (k == "usessl" || k == "ssl") t.ssl_mode = (value == "true") ? sql::SSL_MODE_REQUIRED : sql::SSL_MODE_DISABLED;
    else if (k == "sslmode" || k == "ssl-mode") t.ssl_mode = ssl_mode_named(value);
    else if (k == "trustservercertificate") {
        if (value == "true" && t.ssl_mode == 0) t.ssl_mode = sql::SSL_MODE_REQUIRED;
    } else if (k == "serversslcert" || k == "ssl-ca" || k == "sslca" || k == "trustcertificatekeystoreurl") t.ssl_ca = value;
    else if (k == "ssl-cert" || k == "sslcert") t.ssl_cert = value;
    else if (k == "ssl-key" || k == "sslkey") t.ssl_key = value;
    else if (k == "connecttimeout") t.connect_timeout = std::max(1, std::atoi(value.c_str()) / 1000);
    // The spellings of DATABASE_URLs that ORMs write (Prisma, PlanetScale): seconds, and
    // sslaccept=strict (check the certificate) or accept_invalid_certs (encrypt only).
    else if (k == "connect_timeout") t.connect_timeout = std::max(1, std::atoi(value.c_str()));
    else if (k == "sslaccept") t.ssl_mode = lower(value) == "strict" ? sql::SSL_MODE_VERIFY_IDENTITY : sql::SSL_MODE_REQUIRED;
    else sdk::log_warn("ignoring the connection parameter '" + key + "': MySQL Connector/C++ has no equivalent");
}

}  // namespace

connect_target parse_url(std::string_view url, const sdk::connect_options& options) {
    std::string_view rest = url;
    strip(rest, "jdbc:");
    if (!strip(rest, "mysql:") && !strip(rest, "mariadb:"))
        throw sdk::connection_error("not a MySQL or MariaDB URL (expected jdbc:mysql:, jdbc:mariadb:, mysql: or mariadb:)");
    if (rest.substr(0, 2) != "//") throw sdk::connection_error("a MySQL URL needs //host: jdbc:mysql://host:3306/database");
    rest.remove_prefix(2);
    connect_target t;
    std::string_view query;
    if (const auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) t.database = sdk::percent_decode(rest.substr(slash + 1));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        const std::string_view userinfo = authority.substr(0, at);
        authority.remove_prefix(at + 1);
        const auto colon = userinfo.find(':');
        t.user = sdk::percent_decode(userinfo.substr(0, colon));
        if (colon != std::string_view::npos) t.password = sdk::percent_decode(userinfo.substr(colon + 1));
    }
    // Only the first host of a failover list: Connector/C++ 1.1 connects to one.
    if (const auto comma = authority.find(','); comma != std::string_view::npos) {
        sdk::log_warn("connecting to the first host of '" + std::string(authority) + "' only: failover lists are not supported");
        authority = authority.substr(0, comma);
    }
    if (const auto colon = authority.rfind(':'); colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
        t.port = std::atoi(std::string(authority.substr(colon + 1)).c_str());
        authority = authority.substr(0, colon);
    }
    if (!authority.empty()) t.host = sdk::percent_decode(authority);
    for (const sdk::query_parameter& p : sdk::query_parameters(query, "&;")) apply(t, p.key, p.value);
    for (const auto& [key, value] : options) {
        if (key == "user" || key == "password") apply(t, key, value);
        else if (key.rfind("jdbcProperties.", 0) == 0) apply(t, key.substr(15), value);
    }
    return t;
}

}  // namespace jetway::mysql
