// SPDX-License-Identifier: Apache-2.0
#include "console_log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace jetway::cli {
namespace {

// Flyway's level prefixes: nothing for info, WARNING:/ERROR:/DEBUG: otherwise.
class level_prefix final : public spdlog::custom_flag_formatter {
 public:
    void format(const spdlog::details::log_msg& msg, const std::tm&,
                spdlog::memory_buf_t& dest) override {
        std::string_view prefix;
        switch (msg.level) {
            case spdlog::level::trace:
            case spdlog::level::debug: prefix = "DEBUG: "; break;
            case spdlog::level::warn: prefix = "WARNING: "; break;
            case spdlog::level::err:
            case spdlog::level::critical: prefix = "ERROR: "; break;
            default: break;
        }
        dest.append(prefix.data(), prefix.data() + prefix.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<level_prefix>();
    }
};

}  // namespace

void setup_console_log(bool debug, bool quiet) {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    auto logger = std::make_shared<spdlog::logger>("jetway", sink);
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<level_prefix>('*').set_pattern("%*%v");
    logger->set_formatter(std::move(formatter));
    logger->set_level(debug ? spdlog::level::debug
                            : (quiet ? spdlog::level::warn : spdlog::level::info));
    spdlog::set_default_logger(std::move(logger));
}

}  // namespace jetway::cli
