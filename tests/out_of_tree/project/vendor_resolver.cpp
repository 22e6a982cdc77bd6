// SPDX-License-Identifier: Apache-2.0
// Migrations written in C++ (the counterpart of Flyway's Java migrations), from a vendor, and
// one SQL template the plugin hands back to Jetway to run as it runs SQL migrations.
#include <jetway/sdk/export.hpp>

namespace {

class vendor_resolver final : public jetway::sdk::resolver {
 public:
    std::vector<jetway::sdk::migration> resolve(const jetway::sdk::properties& settings) override {
        using kind = jetway::sdk::migration::kind_type;
        std::vector<jetway::sdk::migration> list = {
            {kind::versioned, "1.5", "create vendor table", "JDBC", "vendor.CreateVendorTable", 1234},
            {kind::versioned, "2.5", "seed vendor table", "JDBC", "vendor.SeedVendorTable", std::nullopt},
            {kind::repeatable, "", "vendor view", "JDBC", "vendor.VendorView", 99}};
        if (const auto it = settings.find("placeholders.vendorTemplate"); it != settings.end()) {
            template_.path = it->second;
            template_.name = "vendor/template.sql";
            list.push_back({kind::versioned, "4", "vendor template", "SQL", template_.name, 4444});
        }
        return list;
    }
    jetway::sdk::transaction_mode transaction(std::size_t index, jetway::sdk::statement_runner& runner) override {
        if (index == 3) return runner.sql_script_mode(template_);
        return jetway::sdk::transaction_mode::inside;
    }
    void migrate(std::size_t index, jetway::sdk::statement_runner& runner) override {
        switch (index) {
            case 0: runner.execute("CREATE TABLE vendor_t (id INT, name TEXT)"); break;
            case 1:
                runner.execute("INSERT INTO vendor_t VALUES (1, 'from C++')");
                runner.execute("INSERT INTO vendor_t VALUES (2, 'also from C++')");
                break;
            case 3: runner.run_sql_script(template_); break;
            default: runner.execute("CREATE VIEW IF NOT EXISTS vendor_v AS SELECT COUNT(*) AS n FROM vendor_t"); break;
        }
    }

 private:
    jetway::sdk::sql_script template_;
};

}  // namespace

JW_RESOLVER_PLUGIN(vendor_native, 1, 0, 0, vendor_resolver)
