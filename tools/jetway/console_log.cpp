// SPDX-License-Identifier: Apache-2.0
#include "console_log.hpp"

#include "output_file.hpp"
#include "secret_scrubber.hpp"

#include <nlohmann/json.hpp>

#include <spdlog/details/null_mutex.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>
#include <vector>
#include <unistd.h>

namespace jetway::cli {
namespace {

thread_local std::string thread_label;

// The status line and the lines written above it share one lock, so they never interleave.
std::mutex terminal_mutex;
std::string status_line;
bool show_labelled_info = false;  // -X: every line of a fleet's engines

// Until the configuration is read, lines wait here: outputLogsInJson and outputFile may be set
// in a file, and the warnings about reading it must take the same form as every later line.
struct held_line {
    spdlog::level::level_enum level;
    std::string text;
};
bool holding = false;
bool json_lines = false;
std::vector<held_line> held;

const char* level_name(spdlog::level::level_enum level) {
    switch (level) {
        case spdlog::level::trace:
        case spdlog::level::debug: return "DEBUG";
        case spdlog::level::warn: return "WARN";
        case spdlog::level::err:
        case spdlog::level::critical: return "ERROR";
        default: return "INFO";
    }
}

// Writes Flyway's console format to stderr, coloured as Flyway colours it: lines starting with
// "Successfully" green, warnings yellow, errors red, debug bright black.
class console_sink final : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
 public:
    explicit console_sink(bool color) : color_(color) {}

 protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        if (!thread_label.empty() && msg.level < spdlog::level::warn && !show_labelled_info) return;
        std::string text(msg.payload.data(), msg.payload.size());
        std::lock_guard lock(terminal_mutex);
        if (holding) {
            held.push_back({msg.level, std::move(text)});
            return;
        }
        write(msg.level, text);
    }

 public:
    // Called with terminal_mutex held.
    void write(spdlog::level::level_enum level, const std::string& raw) {
        std::string text = scrub_secrets(raw);
        if (!thread_label.empty()) text = "[" + thread_label + "] " + text;
        std::string line;
        if (json_lines) {
            // One object per line of the message, as Flyway splits them.
            std::size_t start = 0;
            while (start <= text.size()) {
                std::size_t end = text.find('\n', start);
                if (end == std::string::npos) end = text.size();
                line += nlohmann::ordered_json{{"level", level_name(level)}, {"message", text.substr(start, end - start)}}
                            .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                        "\n";
                start = end + 1;
            }
            copy_to_output_file(line);
        } else {
            std::string_view prefix;
            const char* colour = nullptr;
            switch (level) {
                case spdlog::level::trace:
                case spdlog::level::debug: prefix = "DEBUG: "; colour = "\033[90m"; break;
                case spdlog::level::warn: prefix = "WARNING: "; colour = "\033[33m"; break;
                case spdlog::level::err:
                case spdlog::level::critical: prefix = "ERROR: "; colour = "\033[31m"; break;
                default:
                    if (text.rfind("Successfully", 0) == 0) colour = "\033[32m";
                    break;
            }
            const std::string plain = std::string(prefix) + text + "\n";
            copy_to_output_file(plain);
            line = color_ && colour != nullptr ? colour + plain.substr(0, plain.size() - 1) + "\033[0m\n" : plain;
        }
        if (!status_line.empty()) line = "\r\033[K" + line + status_line;
        std::fwrite(line.data(), 1, line.size(), stderr);
        if (!status_line.empty()) std::fflush(stderr);
    }

 protected:
    void flush_() override {
        std::lock_guard lock(terminal_mutex);
        std::fflush(stderr);
    }

 private:
    bool color_;
};

std::shared_ptr<console_sink> active_sink;

}  // namespace

void setup_console_log(bool debug, bool quiet, const std::string& color, bool hold) {
    const bool use_color = color == "always" || (color == "auto" && ::isatty(STDERR_FILENO) == 1);
    active_sink = std::make_shared<console_sink>(use_color);
    auto logger = std::make_shared<spdlog::logger>("jetway", active_sink);
    logger->set_level(debug ? spdlog::level::debug : (quiet ? spdlog::level::warn : spdlog::level::info));
    spdlog::set_default_logger(std::move(logger));
    show_labelled_info = debug;
    std::lock_guard lock(terminal_mutex);
    holding = hold;
}

void release_log_lines(bool as_json) {
    std::lock_guard lock(terminal_mutex);
    if (!holding) return;  // released once: the configuration's choice stands
    json_lines = as_json;
    holding = false;
    for (const held_line& line : held)
        if (spdlog::default_logger()->should_log(line.level)) active_sink->write(line.level, line.text);
    held.clear();
}

void set_thread_log_label(std::string label) { thread_label = std::move(label); }

void set_status_line(std::string line) {
    std::lock_guard lock(terminal_mutex);
    status_line = scrub_secrets(std::move(line));
    const std::string redraw = "\r\033[K" + status_line;
    std::fwrite(redraw.data(), 1, redraw.size(), stderr);
    std::fflush(stderr);
}

}  // namespace jetway::cli
