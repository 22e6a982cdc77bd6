// SPDX-License-Identifier: Apache-2.0
// A resolver plugin with state of its own, for the engines-in-parallel test: resolve() keeps
// the engine's tenant, and migrate() writes it. Were one instance shared by two engines, a
// migration would write the other engine's tenant.
#include <jetway/sdk/export.hpp>

namespace {

class tenant_resolver final : public jetway::sdk::resolver {
 public:
    std::vector<jetway::sdk::migration> resolve(const jetway::sdk::properties& settings) override {
        using kind = jetway::sdk::migration::kind_type;
        tenant_ = settings.at("placeholders.tenant");
        script_.path = settings.at("placeholders.tenantScript");
        script_.name = "tenant/V4__script.sql";
        jetway::sdk::log_info("resolving for tenant " + tenant_);
        return {{kind::versioned, "2", "tenant mark two", "JDBC", "tenant.MarkTwo", 2},
                {kind::versioned, "3", "tenant mark three", "JDBC", "tenant.MarkThree", 3},
                {kind::versioned, "4", "tenant script", "SQL", script_.name, 4}};
    }
    void migrate(std::size_t index, jetway::sdk::statement_runner& runner) override {
        jetway::sdk::log_info("tenant " + tenant_ + " runs step " + std::to_string(index + 2));
        if (index == 2) {
            // Placeholders filled by the engine that runs it: its ${tenant}, not another's.
            runner.run_sql_script(script_);
            return;
        }
        runner.execute("INSERT INTO marks (tenant, step) VALUES ('" + tenant_ + "', " + std::to_string(index + 2) + ")");
    }

 private:
    std::string tenant_;
    jetway::sdk::sql_script script_;
};

}  // namespace

JW_RESOLVER_PLUGIN(tenant, 1, 0, 0, tenant_resolver)
