// SPDX-License-Identifier: Apache-2.0
// MySQL and MariaDB URLs (JDBC and native) turned into Connector/C++ connect options.
#pragma once

#include <jetway/sdk/driver.hpp>

#include <map>
#include <string>
#include <string_view>

namespace jetway::mysql {

struct connect_target {
    std::string host = "127.0.0.1";
    int port = 3306;
    std::string database;  // may be empty: then `schemas` must name one
    std::string user;
    std::string password;
    int ssl_mode = 0;  // sql::ssl_mode, 0 = the client's default
    std::string ssl_ca, ssl_cert, ssl_key;
    int connect_timeout = 0;
};

/// jdbc:mysql://h:3306/db?useSSL=true, jdbc:mariadb://..., mysql://u:p@h/db, mariadb://...
/// with the SSL parameters of both JDBC drivers and the client's own (ssl-ca, ssl-mode ...).
/// `options` (user, password, jdbcProperties.*) win over the URL.
connect_target parse_url(std::string_view url, const sdk::connect_options& options);

}  // namespace jetway::mysql
