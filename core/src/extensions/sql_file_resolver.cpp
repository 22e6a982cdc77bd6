// SPDX-License-Identifier: Apache-2.0
#include "builtin_resolvers.hpp"

namespace jetway::core {

sdk::migration describe(const resolved_migration& m) {
    sdk::migration d;
    switch (m.kind) {
        case migration_kind::versioned: d.kind = sdk::migration::kind_type::versioned; break;
        case migration_kind::repeatable: d.kind = sdk::migration::kind_type::repeatable; break;
        case migration_kind::baseline: d.kind = sdk::migration::kind_type::baseline; break;
        case migration_kind::undo: d.kind = sdk::migration::kind_type::undo; break;
    }
    d.version = m.raw_version;
    d.description = m.description;
    d.type = m.type;
    d.script = m.script;
    d.checksum = m.checksum;
    d.equivalent_checksum = m.equivalent_checksum;
    d.location = m.path.string();
    return d;
}

std::vector<sdk::migration> sql_file_resolver::resolve(const sdk::properties&) {
    found_.clear();
    std::vector<sdk::migration> list;
    for (const resolved_migration& m : scan_().migrations) {
        if (m.is_script) continue;
        found_.push_back(&m);
        list.push_back(describe(m));
    }
    return list;
}

sdk::sql_script sql_script_of(const std::filesystem::path& path, const std::string& name, const std::string& encoding,
                              bool detect_encoding, bool placeholder_replacement, const script_settings& settings) {
    sdk::sql_script s;
    s.path = path.string();
    s.name = name;
    s.encoding = encoding;
    s.detect_encoding = detect_encoding && !settings.encoding;
    s.placeholder_replacement = placeholder_replacement;
    if (settings.execute_in_transaction)
        s.mode = *settings.execute_in_transaction ? sdk::transaction_mode::inside : sdk::transaction_mode::outside;
    return s;
}

sdk::sql_script sql_file_resolver::script_of(const resolved_migration& m) const {
    return sql_script_of(m.path, m.script, m.encoding, detect_encoding_, m.placeholder_replacement, m.settings);
}

void sql_file_resolver::migrate(std::size_t index, sdk::statement_runner& runner) {
    runner.run_sql_script(script_of(*found_.at(index)));
}

sdk::transaction_mode sql_file_resolver::transaction(std::size_t index, sdk::statement_runner& runner) {
    // Reading the whole script first: a parse error or an unknown placeholder stops the run
    // before any of its statements touched the database.
    return runner.sql_script_mode(script_of(*found_.at(index)));
}

}  // namespace jetway::core
