// SPDX-License-Identifier: Apache-2.0
// The json_events callback plugin: one JSON line per event (event, time, schema, migration) to
// the file named by plugins.json_events.file (default jetway-events.jsonl in the working
// directory). An audit trail, and an example of every event Jetway fires.
#include <jetway/sdk/export.hpp>

#include <chrono>
#include <ctime>
#include <fstream>

namespace {

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                    out += buffer;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buffer;
}

std::string value_of(const jetway::sdk::properties& p, const char* key) {
    const auto it = p.find(key);
    return it == p.end() ? std::string{} : it->second;
}

class json_events_callback final : public jetway::sdk::callback {
 public:
    bool supports(std::string_view) const override { return true; }

    void handle(std::string_view event, const jetway::sdk::properties& details, const jetway::sdk::properties& settings,
                jetway::sdk::statement_runner&) override {
        std::string file = value_of(settings, "plugins.json_events.file");
        if (file.empty()) file = "jetway-events.jsonl";
        if (file.front() != '/') file = value_of(settings, "workingDirectory") + "/" + file;
        const bool failed = event.size() > 5 && event.substr(event.size() - 5) == "Error";
        std::string line = "{\"event\":" + json_string(event) + ",\"time\":" + json_string(utc_now()) +
                           ",\"schema\":" + json_string(value_of(details, "schema")) +
                           ",\"outcome\":" + json_string(failed ? "error" : "ok");
        if (details.count("migration.script") != 0)
            line += ",\"migration\":{\"version\":" + json_string(value_of(details, "migration.version")) +
                    ",\"description\":" + json_string(value_of(details, "migration.description")) +
                    ",\"script\":" + json_string(value_of(details, "migration.script")) +
                    ",\"type\":" + json_string(value_of(details, "migration.type")) + "}";
        line += "}\n";
        std::ofstream out(file, std::ios::app | std::ios::binary);
        if (!out) throw jetway::sdk::error(JW_E_INVALID_ARGUMENT, "json_events: cannot write to " + file);
        out << line;
    }
};

}  // namespace

JW_CALLBACK_PLUGIN(json_events, 0, 1, 0, json_events_callback)
