// SPDX-License-Identifier: Apache-2.0
// PostgreSQL URLs, JDBC and native, turned into libpq connection keywords.
#pragma once

#include <jetway/sdk/driver.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jetway::pg {

using keywords = std::vector<std::pair<std::string, std::string>>;

/// jdbc:postgresql://h1:5432,h2/db?ssl=true, jdbc:postgresql:db, postgresql://u:p@h/db,
/// postgres://... -> libpq keywords. JDBC parameters are mapped (ssl, sslmode, sslrootcert,
/// sslcert, sslkey, currentSchema, connectTimeout, ApplicationName); libpq's own pass through;
/// `options` (user, password, jdbcProperties.*) win over the URL. application_name defaults to
/// Jetway. Throws sdk::error for a URL that is not PostgreSQL's or a parameter libpq lacks.
keywords connection_keywords(std::string_view url, const sdk::connect_options& options);

}  // namespace jetway::pg
