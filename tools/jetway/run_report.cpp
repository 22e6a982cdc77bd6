// SPDX-License-Identifier: Apache-2.0
#include "run_report.hpp"

#include "report_page.hpp"
#include "secret_scrubber.hpp"

#include <jetway/core/error.hpp>

#include <spdlog/spdlog.h>

#include <ctime>
#include <fstream>

namespace jetway::cli {
namespace fs = std::filesystem;
namespace {

std::string utc_text(std::chrono::system_clock::time_point when) {
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// reportFilename without its .html/.htm: both files share it, as Flyway names them.
fs::path report_base(const core::configuration& config) {
    std::string name = config.report_filename.empty() ? "report" : config.report_filename;
    for (const char* ending : {".html", ".htm"}) {
        const std::string e = ending;
        if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
            name.resize(name.size() - e.size());
            break;
        }
    }
    fs::path base = name;
    return base.is_relative() ? config.working_directory / base : base;
}

void write_text(const fs::path& file, const std::string& text) {
    std::error_code ec;
    if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        throw core::error(core::error_code::configuration,
                          "Unable to write the report " + file.string() + " (flyway.reportFilename)");
}

}  // namespace

nlohmann::ordered_json report_document(const run_report& report) {
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(report.finished - report.started);
    return {{"jetwayVersion", JETWAY_VERSION},
            {"commands", report.commands},
            {"database", report.database},
            {"startedAt", utc_text(report.started)},
            {"finishedAt", utc_text(report.finished)},
            {"executionTime", elapsed.count()},
            {"success", report.error.is_null()},
            {"error", report.error},
            {"individualResults", report.results},
            {"schemaHistory", report.history}};
}

std::string report_html(const nlohmann::ordered_json& document) {
    // Inside <script>, "</" would end the element: JSON may write it as "<\/".
    std::string data = scrub_secrets(document.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    for (std::size_t at = data.find("</"); at != std::string::npos; at = data.find("</", at + 3)) data.replace(at, 2, "<\\/");
    std::string page(report_page_template());
    const std::string marker = "/*JETWAY_REPORT_DATA*/";
    page.replace(page.find(marker), marker.size(), data);
    return page;
}

nlohmann::ordered_json write_run_report(const run_report& report, const core::configuration& config) {
    const fs::path base = report_base(config);
    const fs::path json_file = fs::path(base.string() + ".json");
    const fs::path html_file = fs::path(base.string() + ".html");
    const nlohmann::ordered_json document = report_document(report);
    write_text(json_file, scrub_secrets(document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)) + "\n");
    write_text(html_file, report_html(document));
    spdlog::info("A Jetway report has been generated here: {}", html_file.string());
    return {{"jsonReport", json_file.string()}, {"htmlReport", html_file.string()}};
}

}  // namespace jetway::cli
