// SPDX-License-Identifier: Apache-2.0
// Jetway's own resolvers, compiled in but written against the same SDK interface a vendor's
// resolver plugin implements: the engine has no other way to find or run a migration.
#pragma once

#include <jetway/core/migration_resolver.hpp>
#include <jetway/sdk/extension.hpp>

#include <functional>
#include <vector>

namespace jetway::core {

/// What the locations hold, scanned once per session and shared by the built-in resolvers and
/// the built-in callbacks.
using location_scan = std::function<const resolution&()>;

/// SQL migrations in the locations: V, U, B and R files (spec §2), run statement by statement
/// through the host's SQL script service.
class sql_file_resolver final : public sdk::resolver {
 public:
    sql_file_resolver(location_scan scan, bool detect_encoding) : scan_(std::move(scan)), detect_encoding_(detect_encoding) {}
    std::vector<sdk::migration> resolve(const sdk::properties& settings) override;
    void migrate(std::size_t index, sdk::statement_runner& runner) override;
    sdk::transaction_mode transaction(std::size_t index, sdk::statement_runner& runner) override;

 private:
    sdk::sql_script script_of(const resolved_migration& m) const;
    location_scan scan_;
    bool detect_encoding_;
    std::vector<const resolved_migration*> found_;
};

/// Script migrations in the locations (.sh, .bash, .py ..., spec §2.6): programs run with
/// Jetway's environment through the host's program service; type SCRIPT in history.
class script_file_resolver final : public sdk::resolver {
 public:
    explicit script_file_resolver(location_scan scan) : scan_(std::move(scan)) {}
    std::vector<sdk::migration> resolve(const sdk::properties& settings) override;
    void migrate(std::size_t index, sdk::statement_runner& runner) override;
    sdk::transaction_mode transaction(std::size_t, sdk::statement_runner&) override { return sdk::transaction_mode::not_used; }

 private:
    location_scan scan_;
    std::vector<const resolved_migration*> found_;
};

/// The SDK's description of a migration Jetway resolved from a file.
sdk::migration describe(const resolved_migration& m);

/// A SQL file found in the locations as the host's script service takes it. A per-script .conf
/// that names the encoding turns detection off for that file.
sdk::sql_script sql_script_of(const std::filesystem::path& path, const std::string& name, const std::string& encoding,
                              bool detect_encoding, bool placeholder_replacement, const script_settings& settings);

}  // namespace jetway::core
