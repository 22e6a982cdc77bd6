// SPDX-License-Identifier: Apache-2.0
// A vendor's callback: records each migration it is told about in a table of its own.
#include <jetway/sdk/export.hpp>

namespace {

class vendor_callback final : public jetway::sdk::callback {
 public:
    bool supports(std::string_view event) const override { return event == "afterEachMigrate" || event == "afterMigrate"; }
    void handle(std::string_view event, const jetway::sdk::properties& details, const jetway::sdk::properties&,
                jetway::sdk::statement_runner& runner) override {
        runner.execute("CREATE TABLE IF NOT EXISTS vendor_audit (event TEXT, script TEXT)");
        const auto it = details.find("migration.script");
        const std::string script = it == details.end() ? "" : it->second;
        runner.execute("INSERT INTO vendor_audit VALUES ('" + std::string(event) + "', '" + script + "')");
    }
};

}  // namespace

JW_CALLBACK_PLUGIN(vendor_audit, 1, 0, 0, vendor_callback)
