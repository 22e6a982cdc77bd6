// SPDX-License-Identifier: Apache-2.0
// Migrations written in C++ (the counterpart of Flyway's Java migrations), from a vendor.
#include <jetway/sdk/export.hpp>

namespace {

class vendor_resolver final : public jetway::sdk::resolver {
 public:
    std::vector<jetway::sdk::migration> resolve(const jetway::sdk::properties&) override {
        using kind = jetway::sdk::migration::kind_type;
        return {{kind::versioned, "1.5", "create vendor table", "JDBC", "vendor.CreateVendorTable", 1234},
                {kind::versioned, "2.5", "seed vendor table", "JDBC", "vendor.SeedVendorTable", std::nullopt},
                {kind::repeatable, "", "vendor view", "JDBC", "vendor.VendorView", 99}};
    }
    void migrate(std::size_t index, jetway::sdk::statement_runner& runner) override {
        switch (index) {
            case 0: runner.execute("CREATE TABLE vendor_t (id INT, name TEXT)"); break;
            case 1:
                runner.execute("INSERT INTO vendor_t VALUES (1, 'from C++')");
                runner.execute("INSERT INTO vendor_t VALUES (2, 'also from C++')");
                break;
            default: runner.execute("CREATE VIEW IF NOT EXISTS vendor_v AS SELECT COUNT(*) AS n FROM vendor_t"); break;
        }
    }
};

}  // namespace

JW_RESOLVER_PLUGIN(vendor_native, 1, 0, 0, vendor_resolver)
