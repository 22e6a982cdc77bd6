// SPDX-License-Identifier: Apache-2.0
#include "console_log.hpp"

#include "secret_scrubber.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>
#include <unistd.h>

namespace jetway::cli {
namespace {

// Writes Flyway's console format to stderr, coloured as Flyway colours it: lines starting with
// "Successfully" green, warnings yellow, errors red, debug bright black.
class console_sink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
    explicit console_sink(bool color) : color_(color) {}

 protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
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
        line.append(text);
        if (color_ && colour != nullptr) line += "\033[0m";
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stderr);
    }
    void flush_() override { std::fflush(stderr); }

 private:
    bool color_;
};

}  // namespace

void setup_console_log(bool debug, bool quiet, const std::string& color) {
    const bool use_color = color == "always" || (color == "auto" && ::isatty(STDERR_FILENO) == 1);
    auto logger = std::make_shared<spdlog::logger>("jetway", std::make_shared<console_sink>(use_color));
    logger->set_level(debug ? spdlog::level::debug : (quiet ? spdlog::level::warn : spdlog::level::info));
    spdlog::set_default_logger(std::move(logger));
}

}  // namespace jetway::cli
