// SPDX-License-Identifier: Apache-2.0
#include "drift_check.hpp"

#include "console_log.hpp"
#include "scratch_file.hpp"
#include "secret_scrubber.hpp"

#include <jetway/core/connection_url.hpp>
#include <jetway/core/error.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <unistd.h>

namespace jetway::cli {
namespace {

using json = nlohmann::ordered_json;

// A database made for the build, dropped however the check ends (after the build engine is gone:
// PostgreSQL drops no database with a session open).
struct scratch_database {
    // A constructor, not aggregate initialisation: clang 14 (the sanitized job) has no
    // parenthesised aggregate init for optional::emplace.
    scratch_database(core::engine& engine, std::string database) : owner(engine), name(std::move(database)) {}
    scratch_database(const scratch_database&) = delete;
    scratch_database& operator=(const scratch_database&) = delete;
    core::engine& owner;
    std::string name;
    ~scratch_database() {
        try {
            owner.drop_database(name);
        } catch (const std::exception& e) {
            spdlog::warn("The scratch database {} could not be dropped: {}", name, e.what());
        }
    }
};

std::string key_of(const core::catalog_object& o, bool with_schema) {
    return (with_schema ? o.schema + "." : std::string()) + o.kind + " " + o.name;
}

json item(const core::catalog_object& o) {
    return {{"name", o.name}, {"schema", o.schema}, {"objectType", o.kind}, {"definition", o.definition}};
}

}  // namespace

// The live database against what its applied migrations build in a scratch database: the same
// migrations, up to the version the live history is at, then both catalogs read by the driver.
json check_drift(command_context& c) {
    const core::configuration& config = c.config;
    core::engine& live = c.engine;
    const core::info_result state = live.info();
    const core::connection_test_result facts = live.test_connection();

    core::configuration build = config;
    build.check_drift = false;
    build.dry_run_output.clear();
    build.report_enabled = false;
    build.baseline_on_migrate = false;
    build.target = state.schema_version.value_or("latest");
    if (!config.check_build_user.empty()) build.user = config.check_build_user;
    if (!config.check_build_password.empty()) build.password = config.check_build_password;
    std::optional<scratch_file> scratch_sqlite;
    std::optional<scratch_database> scratch_server;
    if (!config.check_build_url.empty()) {
        build.url = config.check_build_url;
    } else if (core::url_server(config.url).empty()) {
        // A file database: a temporary file of the same kind.
        scratch_sqlite.emplace("drift", ".db");
        std::error_code ignored;
        std::filesystem::remove(scratch_sqlite->path, ignored);  // a left-over of a killed run
        build.url = "jdbc:sqlite:" + scratch_sqlite->path.string();
    } else {
        const std::string name = "jetway_drift_" + std::to_string(::getpid()) + "_" + std::to_string(std::time(nullptr));
        // Where a schema is a database (MySQL), the scratch database is the one schema.
        const bool schema_is_database = core::url_with_database(config.url, facts.schema_name) == config.url;
        if (schema_is_database && config.schemas.size() > 1)
            throw core::error(core::error_code::configuration,
                              "check -drift builds several MySQL schemas only in databases you name: set -check.buildUrl");
        live.create_database(name);
        scratch_server.emplace(live, name);
        build.url = *core::url_with_database(config.url, name);
        if (schema_is_database) {
            build.schemas.clear();
            build.default_schema.clear();
        }
    }
    // Nothing applied yet: the migrations have built nothing, so there is nothing to build.
    const bool anything_applied = std::any_of(state.migrations.begin(), state.migrations.end(),
                                              [](const core::info_item& m) { return m.installed_rank.has_value(); });
    register_secrets(build);

    std::vector<core::catalog_object> expected;
    {
        spdlog::info("Drift: building what the migrations make at version {} in {}", state.schema_version.value_or("<none>"),
                     core::redact_url(build.url));
        set_thread_log_label("build database");
        struct unlabel {
            ~unlabel() { set_thread_log_label(""); }
        } restore;
        core::engine builder(build, c.registry, core::installation_root(), c.environment);
        if (anything_applied) builder.migrate();
        expected = builder.catalog_objects();
    }
    const std::vector<core::catalog_object> actual = live.catalog_objects();

    const bool with_schema = config.schemas.size() > 1;
    std::map<std::string, const core::catalog_object*> built, found;
    for (const auto& o : expected) built[key_of(o, with_schema)] = &o;
    for (const auto& o : actual) found[key_of(o, with_schema)] = &o;
    json only_in_source = json::array(), only_in_target = json::array(), differences = json::array();
    for (const auto& [key, o] : built) {
        const auto it = found.find(key);
        if (it == found.end()) only_in_source.push_back(item(*o));
        else if (it->second->definition != o->definition)
            differences.push_back({{"name", o->name}, {"schema", it->second->schema}, {"objectType", o->kind},
                                   {"definitionBefore", o->definition}, {"definitionAfter", it->second->definition}});
    }
    for (const auto& [key, o] : found)
        if (built.find(key) == built.end()) only_in_target.push_back(item(*o));
    const bool drifted = !only_in_source.empty() || !only_in_target.empty() || !differences.empty();
    return json{{"operation", "drift"},
                {"flywayVersion", JETWAY_VERSION},
                {"database", facts.database},
                {"buildDatabase", core::redact_url(build.url)},
                {"schemaVersion", state.schema_version ? json(*state.schema_version) : json(nullptr)},
                {"objectsCompared", actual.size()},
                {"driftDetected", drifted},
                {"onlyInSource", only_in_source},
                {"onlyInTarget", only_in_target},
                {"differences", differences},
                {"warnings", json::array()}};
}

void print_drift(const json& d) {
    if (!d["driftDetected"].get<bool>()) {
        std::cout << "No drift: the database matches what its migrations build (" << d["objectsCompared"].get<std::size_t>()
                  << " objects compared)\n";
        return;
    }
    std::cout << "Drift: the database differs from what its migrations build\n";
    for (const auto& o : d["onlyInTarget"])
        std::cout << "  only in the database: " << o["objectType"].get<std::string>() << " " << o["name"].get<std::string>() << "\n";
    for (const auto& o : d["onlyInSource"])
        std::cout << "  missing from the database: " << o["objectType"].get<std::string>() << " " << o["name"].get<std::string>()
                  << "\n";
    for (const auto& o : d["differences"])
        std::cout << "  changed: " << o["objectType"].get<std::string>() << " " << o["name"].get<std::string>() << "\n"
                  << "    migrations build: " << o["definitionBefore"].get<std::string>() << "\n"
                  << "    database has:     " << o["definitionAfter"].get<std::string>() << "\n";
}

}  // namespace jetway::cli
