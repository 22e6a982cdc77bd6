// SPDX-License-Identifier: Apache-2.0
#include "mariadb_client.hpp"

#include "test_support.hpp"

#include <sstream>
#include <stdexcept>

namespace jetway::test {

rows mariadb_client(const std::vector<std::string>& connection, const std::string& statements,
                    const std::string& database) {
    std::vector<std::string> argv{"/usr/bin/mariadb", "--no-defaults"};
    argv.insert(argv.end(), connection.begin(), connection.end());
    argv.insert(argv.end(), {"-uroot", "--batch", "--skip-column-names", "-e", statements});
    if (!database.empty()) argv.push_back(database);
    const process_result r = run_process(argv);
    if (r.exit_code != 0) throw std::runtime_error("mariadb client: " + r.err + " in " + statements);
    rows out;
    std::stringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> cells;
        std::stringstream cellstream(line);
        for (std::string cell; std::getline(cellstream, cell, '\t');) cells.push_back(cell);
        out.push_back(cells);
    }
    return out;
}

suite_mariadb read_suite_mariadb(const std::filesystem::path& servers_dir) {
    return {trim_copy(read_file(servers_dir / "mariadb.url")), trim_copy(read_file(servers_dir / "mariadb.socket"))};
}

}  // namespace jetway::test
