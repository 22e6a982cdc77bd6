// SPDX-License-Identifier: Apache-2.0
#include "builtin_resolvers.hpp"

namespace jetway::core {

std::vector<sdk::migration> script_file_resolver::resolve(const sdk::properties&) {
    found_.clear();
    std::vector<sdk::migration> list;
    for (const resolved_migration& m : scan_().migrations) {
        if (!m.is_script) continue;
        found_.push_back(&m);
        list.push_back(describe(m));
    }
    return list;
}

void script_file_resolver::migrate(std::size_t index, sdk::statement_runner& runner) {
    try {
        runner.run_program(found_.at(index)->path.string());
    } catch (const sdk::error& e) {
        // Flyway's words for a script that exits non-zero, followed by what it printed.
        if (e.status() == JW_E_MIGRATION) throw sdk::error(JW_E_MIGRATION, std::string("Migration failed !\n") + e.what());
        throw;
    }
}

}  // namespace jetway::core
