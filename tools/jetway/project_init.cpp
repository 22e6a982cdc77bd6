// SPDX-License-Identifier: Apache-2.0
#include "project_init.hpp"

#include <jetway/core/connection_url.hpp>
#include <jetway/core/error.hpp>

#include <fstream>

namespace jetway::cli {
namespace fs = std::filesystem;
namespace {

// A TOML string: quotes and backslashes escaped.
std::string toml_string(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string project_toml(const core::configuration& config) {
    const std::string name = config.init_project_name.empty() ? config.working_directory.filename().string()
                                                              : config.init_project_name;
    std::string text = "# " + name + ": migrations run by Jetway (or Flyway) from ./sql\n\n";
    text += "[environments.default]\n";
    // Only a URL given to init itself, and never its password: this file is committed.
    const auto origin = config.origins.find("url");
    if (origin != config.origins.end() && origin->second == "argument -url") {
        text += "url = " + toml_string(core::redact_url(config.url)) + "\n";
        if (core::find_url_credentials(config.url).password)
            text += "# The URL's password was masked above: take it out of the URL and set password below.\n";
    } else {
        text += "# url = \"jdbc:postgresql://localhost:5432/app\"   # or jdbc:sqlite:app.db, jdbc:mysql://...\n";
    }
    text += "# user = \"app\"\n"
            "# password = \"${env.DB_PASSWORD}\"      # or \"${file./run/secrets/db_password}\"\n"
            "# schemas = [\"public\"]\n"
            "\n"
            "[flyway]\n"
            "locations = [\"filesystem:sql\"]\n"
            "# table = \"flyway_schema_history\"\n"
            "# baselineOnMigrate = false\n"
            "# outOfOrder = false\n"
            "# validateMigrationNaming = true\n"
            "# cleanDisabled = true\n"
            "# reportEnabled = true                  # report.html and report.json after each run\n"
            "\n"
            "# [flyway.placeholders]\n"
            "# owner = \"app\"\n"
            "\n"
            "# [environments.ci]                     # jetway -environment=ci migrate\n"
            "# url = \"${env.DATABASE_URL}\"\n";
    return text;
}

}  // namespace

init_result init_project(const core::configuration& config) {
    const fs::path dir = config.working_directory;
    for (const char* existing : {"flyway.toml", "flyway.conf"}) {
        std::error_code ec;
        if (fs::exists(dir / existing, ec))
            throw core::error(core::error_code::configuration,
                              (dir / existing).string() + " already exists: this folder has a project; init changed nothing");
    }
    init_result result;
    fs::create_directories(dir);
    const fs::path toml = dir / "flyway.toml";
    std::ofstream out(toml, std::ios::binary);
    out << project_toml(config);
    if (!out) throw core::error(core::error_code::configuration, "Unable to write " + toml.string());
    result.created.push_back(toml);
    const fs::path sql = dir / "sql";
    if (fs::create_directories(sql)) result.created.push_back(sql);
    return result;
}

}  // namespace jetway::cli
