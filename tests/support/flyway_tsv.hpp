// SPDX-License-Identifier: Apache-2.0
// Reads the conformance *-flyway-7.2.0.tsv files: the history rows genuine Flyway wrote.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace jetway::test {

/// The data rows (comment lines and the header skipped), each as its ten history columns.
inline std::vector<std::vector<std::string>> read_flyway_tsv(const std::filesystem::path& tsv) {
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(tsv);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#' || line.rfind("installed_rank", 0) == 0) continue;
        std::vector<std::string> cells;
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, '\t');) cells.push_back(cell);
        cells.resize(10);
        rows.push_back(std::move(cells));
    }
    return rows;
}

}  // namespace jetway::test
