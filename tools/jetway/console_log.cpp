// SPDX-License-Identifier: Apache-2.0
#include "console_log.hpp"

#include "secret_scrubber.hpp"

#include <spdlog/details/null_mutex.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>
#include <unistd.h>

namespace jetway::cli {
namespace {

thread_local std::string thread_label;

// The status line and the lines written above it share one lock, so they never interleave.
std::mutex terminal_mutex;
std::string status_line;
bool show_labelled_info = false;  // -X: every line of a fleet's engines

// Writes Flyway's console format to stderr, coloured as Flyway colours it: lines starting with
// "Successfully" green, warnings yellow, errors red, debug bright black.
class console_sink final : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
 public:
    explicit console_sink(bool color) : color_(color) {}

 protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        if (!thread_label.empty() && msg.level < spdlog::level::warn && !show_labelled_info) return;
        const std::string scrubbed = scrub_secrets(std::string(msg.payload.data(), msg.payload.size()));
        const std::string_view text(scrubbed);
        std::string_view prefix;
        const char* colour = nullptr;
        switch (msg.level) {
            case spdlog::level::trace:
            case spdlog::level::debug: prefix = "DEBUG: "; colour = "\033[90m"; break;
            case spdlog::level::warn: prefix = "WARNING: "; colour = "\033[33m"; break;
            case spdlog::level::err:
            case spdlog::level::critical: prefix = "ERROR: "; colour = "\033[31m"; break;
            default:
                if (text.rfind("Successfully", 0) == 0) colour = "\033[32m";
                break;
        }
        std::string line;
        if (color_ && colour != nullptr) line += colour;
        line.append(prefix);
        if (!thread_label.empty()) line.append("[" + thread_label + "] ");
        line.append(text);
        if (color_ && colour != nullptr) line += "\033[0m";
        line += '\n';
        std::lock_guard lock(terminal_mutex);
        if (!status_line.empty()) line = "\r\033[K" + line + status_line;
        std::fwrite(line.data(), 1, line.size(), stderr);
        if (!status_line.empty()) std::fflush(stderr);
    }
    void flush_() override {
        std::lock_guard lock(terminal_mutex);
        std::fflush(stderr);
    }

 private:
    bool color_;
};

}  // namespace

void setup_console_log(bool debug, bool quiet, const std::string& color) {
    const bool use_color = color == "always" || (color == "auto" && ::isatty(STDERR_FILENO) == 1);
    auto logger = std::make_shared<spdlog::logger>("jetway", std::make_shared<console_sink>(use_color));
    logger->set_level(debug ? spdlog::level::debug : (quiet ? spdlog::level::warn : spdlog::level::info));
    spdlog::set_default_logger(std::move(logger));
    show_labelled_info = debug;
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
