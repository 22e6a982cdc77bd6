// SPDX-License-Identifier: Apache-2.0
// SQL through Debian's mariadb client, for the MariaDB suites (and the MySQL conformance
// backend) to look at what Jetway did.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace jetway::test {

using rows = std::vector<std::vector<std::string>>;

/// Runs `statements` as root with the client's `connection` options (--socket=..., or -h and
/// -P), in `database` when given; every row as tab-separated cells. Throws std::runtime_error
/// with the client's message and the statements when the client fails.
rows mariadb_client(const std::vector<std::string>& connection, const std::string& statements,
                    const std::string& database = "");

/// The suite's MariaDB server as tests/support/mariadb_server.sh wrote it into `servers_dir`:
/// Jetway's URL (no database named) and the root socket for mariadb_client. Both empty when
/// no server was started.
struct suite_mariadb {
    std::string url;
    std::string socket;
};
suite_mariadb read_suite_mariadb(const std::filesystem::path& servers_dir);

}  // namespace jetway::test
