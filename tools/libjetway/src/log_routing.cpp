// SPDX-License-Identifier: Apache-2.0
#include "log_routing.hpp"

#include "secret_scrubber.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

namespace jetway::library {
namespace {

thread_local const log_target* current_target = nullptr;
std::atomic<int> debug_listeners{0};

int level_of(spdlog::level::level_enum level) noexcept {
    switch (level) {
        case spdlog::level::trace:
        case spdlog::level::debug: return JETWAY_LOG_DEBUG;
        case spdlog::level::info: return JETWAY_LOG_INFO;
        case spdlog::level::warn: return JETWAY_LOG_WARN;
        default: return JETWAY_LOG_ERROR;
    }
}

// Stateless but for the thread's target, so engines on several threads never wait for each other.
class callback_sink final : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
 protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        const log_target* target = current_target;
        if (target == nullptr || target->log == nullptr) return;
        const int level = level_of(msg.level);
        if (level < target->least_level) return;
        const std::string line = cli::scrub_secrets(std::string(msg.payload.data(), msg.payload.size()));
        target->log(target->context, level, line.c_str());
    }
    void flush_() override {}
};

std::once_flag routed;

// The default logger outlives this library when the application itself uses spdlog: the sink,
// whose code is in this library, must leave it before the library is unloaded.
struct sink_removal {
    ~sink_removal() {
        if (auto logger = spdlog::default_logger()) logger->sinks().clear();
    }
};

}  // namespace

void route_logs_to_callbacks() {
    std::call_once(routed, [] {
        static sink_removal removal;
        auto logger = spdlog::default_logger();
        logger->sinks().clear();
        logger->sinks().push_back(std::make_shared<callback_sink>());
        logger->set_level(debug_listeners.load() > 0 ? spdlog::level::debug : spdlog::level::info);
    });
}

log_scope::log_scope(const log_target* target) noexcept : previous_(current_target) { current_target = target; }
log_scope::~log_scope() { current_target = previous_; }

void want_debug_lines(bool wanted) noexcept {
    const int listeners = wanted ? ++debug_listeners : --debug_listeners;
    spdlog::set_level(listeners > 0 ? spdlog::level::debug : spdlog::level::info);
}

}  // namespace jetway::library
