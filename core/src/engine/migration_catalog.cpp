// SPDX-License-Identifier: Apache-2.0
#include "migration_catalog.hpp"

#include <jetway/core/error.hpp>

#include "../extensions/plugin_extensions.hpp"

namespace jetway::core {
namespace {

// The engine's record of a migration a resolver offered.
resolved_migration to_resolved_migration(const sdk::migration& d, const std::shared_ptr<sdk::resolver>& resolver,
                                         std::size_t index) {
    resolved_migration m;
    using kind = sdk::migration::kind_type;
    switch (d.kind) {
        case kind::versioned: m.kind = migration_kind::versioned; break;
        case kind::repeatable: m.kind = migration_kind::repeatable; break;
        case kind::baseline: m.kind = migration_kind::baseline; break;
        case kind::undo: m.kind = migration_kind::undo; break;
        default: throw error(error_code::resolution_failed, "unknown migration kind " + std::to_string(static_cast<int>(d.kind)));
    }
    if (m.kind != migration_kind::repeatable) {
        m.version = migration_version::parse(d.version);
        m.raw_version = d.version;
    }
    m.description = d.description;
    m.type = d.type;
    m.script = d.script;
    m.checksum = d.checksum;
    m.equivalent_checksum = d.equivalent_checksum;
    m.path = d.location;
    m.resolver = resolver;
    m.resolver_index = index;
    return m;
}

}  // namespace

migration_catalog::migration_catalog(const configuration& config, std::filesystem::path install_root,
                                     const std::map<std::string, std::string>& placeholders,
                                     const std::map<std::string, std::string>& environment)
    : config_(config), install_root_(std::move(install_root)), placeholders_(placeholders), environment_(environment) {}

void migration_catalog::add_resolver(std::string name, std::shared_ptr<sdk::resolver> resolver) {
    resolvers_.push_back({std::move(name), std::move(resolver)});
}

const resolution& migration_catalog::files() {
    if (!files_) files_ = resolve_migrations(config_, effective_locations(config_, install_root_), placeholders_, environment_);
    return *files_;
}

const resolution& migration_catalog::resolved(const sdk::properties& settings) {
    if (resolved_) return *resolved_;
    resolution result;
    result.callbacks = files().callbacks;
    for (const named_resolver& r : resolvers_) {
        const std::vector<sdk::migration> offered = engine_errors([&] { return r.resolver->resolve(settings); });
        for (std::size_t i = 0; i < offered.size(); ++i) {
            const sdk::migration& d = offered[i];
            try {
                result.migrations.push_back(to_resolved_migration(d, r.resolver, i));
            } catch (const std::exception& e) {
                throw error(error_code::resolution_failed,
                            "resolver plugin '" + r.name + "' offered a migration Jetway cannot use: " + e.what());
            }
        }
    }
    check_duplicate_migrations(result.migrations);
    resolved_ = std::move(result);
    return *resolved_;
}

}  // namespace jetway::core
