// SPDX-License-Identifier: Apache-2.0
#include "log_routing.hpp"

#include "secret_scrubber.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

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

std::mutex routing_mutex;
int live_engines = 0;
std::vector<spdlog::sink_ptr> saved_sinks;
spdlog::level::level_enum saved_level = spdlog::level::info;

}  // namespace

routing_registration::routing_registration() {
    const std::lock_guard lock(routing_mutex);
    if (live_engines++ > 0) return;
    auto logger = spdlog::default_logger();
    saved_sinks = logger->sinks();
    saved_level = logger->level();
    logger->sinks().assign(1, std::make_shared<callback_sink>());
    logger->set_level(debug_listeners.load() > 0 ? spdlog::level::debug : spdlog::level::info);
}

routing_registration::~routing_registration() {
    const std::lock_guard lock(routing_mutex);
    if (--live_engines > 0) return;
    auto logger = spdlog::default_logger();
    logger->sinks() = std::move(saved_sinks);
    saved_sinks.clear();
    logger->set_level(saved_level);
}

log_scope::log_scope(const log_target* target) noexcept : previous_(current_target) { current_target = target; }
log_scope::~log_scope() { current_target = previous_; }

void want_debug_lines(bool wanted) noexcept {
    const int listeners = wanted ? ++debug_listeners : --debug_listeners;
    spdlog::set_level(listeners > 0 ? spdlog::level::debug : spdlog::level::info);
}

}  // namespace jetway::library
