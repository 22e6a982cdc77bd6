// SPDX-License-Identifier: Apache-2.0
// The SQLite driver: URL to file, the history table's SQL and the dialect.
#pragma once

#include <jetway/sdk/driver.hpp>

namespace jetway::sqlite {

/// check -drift's JW_CATALOG_OBJECTS query (sqlite_catalog_sql.cpp).
std::string sqlite_catalog_objects_sql(std::string_view schema);

class sqlite_driver final : public sdk::driver {
 public:
    std::unique_ptr<sdk::connection> connect(std::string_view url,
                                             const sdk::connect_options& options) override;
    std::string history_sql(sdk::history_statement which, std::string_view schema,
                            std::string_view table) const override;
    const jw_dialect_v1& dialect() const noexcept override;
    /// A lock of its own (sqlite_lock.cpp) and clean; no schemas to create.
    sdk::driver_features features() const noexcept override { return {true, false, true}; }
};

/// "name" with embedded double quotes doubled, as SQLite quotes identifiers.
std::string quote_identifier(std::string_view name);
/// 'text' with embedded single quotes doubled.
std::string quote_literal(std::string_view text);

}  // namespace jetway::sqlite
