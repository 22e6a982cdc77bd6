// SPDX-License-Identifier: Apache-2.0
#include "host_services.hpp"

#include <spdlog/spdlog.h>

namespace jetway::core {
namespace {

void log_from_plugin(void* ctx, std::int32_t level, jw_str message) {
    try {
        const auto* name = static_cast<const std::string*>(ctx);
        const std::string_view text(message.data, message.size);
        spdlog::level::level_enum lvl = spdlog::level::info;
        switch (level) {
            case JW_LOG_TRACE: lvl = spdlog::level::trace; break;
            case JW_LOG_DEBUG: lvl = spdlog::level::debug; break;
            case JW_LOG_INFO: lvl = spdlog::level::info; break;
            case JW_LOG_WARN: lvl = spdlog::level::warn; break;
            default: lvl = spdlog::level::err; break;
        }
        // Plugin lines are debug details unless they warn; the plugin's name says who spoke.
        spdlog::log(lvl, "plugin {}: {}", *name, text);
    } catch (...) {
        // Logging must never throw back into a plugin.
    }
}

}  // namespace

jw_host_v1 make_host_services(const std::string* plugin_name, const host_script_services& scripts) noexcept {
    jw_host_v1 host{};
    host.struct_size = sizeof(jw_host_v1);
    host.api_version = JW_PLUGIN_API_VERSION;
    host.ctx = const_cast<std::string*>(plugin_name);
    host.log = &log_from_plugin;
    host.sql_script_mode = scripts.sql_script_mode;
    host.run_sql_script = scripts.run_sql_script;
    host.run_program = scripts.run_program;
    return host;
}

}  // namespace jetway::core
