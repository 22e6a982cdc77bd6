// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL driver: URLs, Flyway's history table DDL and the dialect.
#pragma once

#include <jetway/sdk/driver.hpp>

namespace jetway::pg {

/// check -drift's JW_CATALOG_OBJECTS query (postgresql_catalog_sql.cpp).
std::string postgresql_catalog_objects_sql(std::string_view schema);

class postgresql_driver final : public sdk::driver {
 public:
    std::unique_ptr<sdk::connection> connect(std::string_view url, const sdk::connect_options& options) override;
    std::string history_sql(sdk::history_statement which, std::string_view schema, std::string_view table) const override;
    const jw_dialect_v1& dialect() const noexcept override;
    std::string parameter_marker(int index) const override { return std::string(1, '$').append(std::to_string(index)); }
    sdk::driver_features features() const noexcept override {
        sdk::driver_features f;
        f.locking = true;
        f.create_schema = true;
        f.clean = true;
        f.copy_in = true;
        f.use_schema = true;
        f.flight = true;
        f.flight_of_migrations = true;
        f.batch = true;
        return f;
    }
};

}  // namespace jetway::pg
