// SPDX-License-Identifier: Apache-2.0
#include "check_command.hpp"

#include "drift_check.hpp"
#include "scratch_file.hpp"
#include "secret_scrubber.hpp"

#include <jetway/core/error.hpp>

#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace jetway::cli {
namespace fs = std::filesystem;
namespace {

using json = nlohmann::ordered_json;

std::string read_whole(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// A dry run of migrate on an engine of its own, so the run's own session (and its picture of
// the history) is untouched by the statements that were only written down.
json dry_run(command_context& c) {
    core::configuration dry = c.config;
    std::optional<scratch_file> scratch;
    if (dry.dry_run_output.empty()) {
        scratch.emplace("dryrun", ".sql");
        dry.dry_run_output = scratch->path.string();
    }
    core::engine engine(dry, c.registry, core::installation_root(), c.environment);
    const core::migrate_result planned = engine.migrate();
    fs::path written = dry.dry_run_output;
    if (written.is_relative()) written = dry.working_directory / written;

    json pending = json::array();
    for (const core::migrate_item& m : planned.migrations)
        pending.push_back({{"category", m.category}, {"version", m.version}, {"description", m.description},
                           {"type", m.type}, {"filepath", m.filepath}});
    spdlog::info("Dry run: {} migration{} would be applied to schema {}", planned.migrations.size(),
                 planned.migrations.size() == 1 ? "" : "s", planned.schema_name.empty() ? planned.database : planned.schema_name);
    return json{{"operation", "dryrun"},
                {"flywayVersion", JETWAY_VERSION},
                {"database", planned.database},
                {"warnings", planned.warnings},
                {"initialSchemaVersion", planned.initial_schema_version ? json(*planned.initial_schema_version) : json(nullptr)},
                {"targetSchemaVersion", planned.target_schema_version ? json(*planned.target_schema_version) : json(nullptr)},
                {"pendingMigrations", pending},
                {"sql", scrub_secrets(read_whole(written))}};
}

}  // namespace

void run_check(command_context& c) {
    const core::configuration& config = c.config;
    if (config.check_changes || config.check_code)
        throw core::error(core::error_code::usage,
                          std::string("check ") + (config.check_changes ? "-changes" : "-code") +
                              " is not in Jetway; check -dryrun writes what migrate would run");
    if (!config.check_dryrun && !config.check_drift)
        throw core::error(core::error_code::usage, "check needs what to check: jetway check -dryrun, or -drift");
    if (config.check_drift) {
        json document = check_drift(c);
        if (!c.json) print_drift(document);
        if (document["driftDetected"].get<bool>()) {
            spdlog::warn("Drift detected in {}", document["database"].get<std::string>());
            if (config.check_fail_on_drift) c.findings = true;
        }
        c.results.push_back(std::move(document));
        if (!config.check_dryrun) return;
    }
    json document = dry_run(c);
    if (!c.json) {
        std::cout << "Pending migrations, in the order migrate would apply them:\n";
        if (document["pendingMigrations"].empty()) std::cout << "  none: the schema is up to date\n";
        for (const auto& m : document["pendingMigrations"])
            std::cout << "  " << (m["version"].get<std::string>().empty() ? std::string("R") : m["version"].get<std::string>())
                      << "  " << m["description"].get<std::string>() << "\n";
    }
    c.results.push_back(std::move(document));
}

}  // namespace jetway::cli
