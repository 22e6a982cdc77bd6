// SPDX-License-Identifier: Apache-2.0
// The MySQL / MariaDB driver: URLs, Flyway's history table DDL and the dialect.
#pragma once

#include <jetway/sdk/driver.hpp>

namespace jetway::mysql {

/// check -drift's JW_CATALOG_OBJECTS query (mysql_catalog_sql.cpp).
std::string mysql_catalog_objects_sql(std::string_view schema);

class mysql_driver final : public sdk::driver {
 public:
    std::unique_ptr<sdk::connection> connect(std::string_view url, const sdk::connect_options& options) override;
    std::string history_sql(sdk::history_statement which, std::string_view schema, std::string_view table) const override;
    std::string quote_identifier(std::string_view name) const override;
    const jw_dialect_v1& dialect() const noexcept override;
    sdk::driver_features features() const noexcept override {
        sdk::driver_features f;
        f.locking = true;
        f.create_schema = true;
        f.clean = true;
        f.use_schema = true;
        f.batch = true;
        f.flight = true;
        f.flight_of_migrations = true;
        return f;
    }
};

}  // namespace jetway::mysql
