// SPDX-License-Identifier: Apache-2.0
#include "callback_runner.hpp"

#include <jetway/core/error.hpp>

#include "plugin_runner.hpp"
#include "script_process.hpp"
#include "script_runner.hpp"
#include "session.hpp"

#include <spdlog/spdlog.h>

namespace jetway::core {

bool callback_runner::has(const std::string& event) {
    const auto& callbacks = session_.resolved().callbacks;
    if (std::any_of(callbacks.begin(), callbacks.end(), [&](const resolved_callback& c) { return c.event == event; })) return true;
    for (const auto& plugin : session_.callback_plugins())
        if (plugin->callback().supports(jw_str{event.data(), event.size()}) != 0) return true;
    return false;
}

void callback_runner::fire(const std::string& event, bool inside_transaction, const resolved_migration* migration) {
    for (const resolved_callback& cb : session_.resolved().callbacks) {
        if (cb.event != event) continue;
        const std::string label = event + (cb.description.empty() ? "" : " - " + cb.description);
        if (cb.is_script) {
            spdlog::info("Executing script callback: {}", label);
            try {
                const process_outcome out = run_script_process(session_, cb.path);
                if (out.exit_code != 0) spdlog::warn("Script callback \"{}\" failed.", label);
            } catch (const error& e) {
                spdlog::warn("Script callback \"{}\" failed: {}", label, e.what());
            }
            continue;
        }
        const script_file file{cb.path, cb.script, cb.encoding, session_.config().detect_encoding && !cb.settings.encoding,
                               cb.placeholder_replacement, cb.settings.execute_in_transaction};
        try {
            const bool transactional = session_.scripts().analyze(file);
            spdlog::info("Executing SQL callback: {}{}", label, transactional ? "" : " [non-transactional]");
            const bool own_transaction = transactional && !inside_transaction && !session_.scripts().diverted();
            if (own_transaction) session_.connection().begin();
            try {
                session_.scripts().run(file);
                if (own_transaction) session_.connection().commit();
            } catch (...) {
                if (own_transaction) session_.connection().rollback();
                throw;
            }
        } catch (const error& e) {
            throw error(e.code(), "Error while executing " + event + " callback: " + e.what(), e.sqlstate(),
                        e.vendor_code());
        }
    }
    // Callback plugins, after the SQL files, in the order the configuration names them.
    for (const auto& plugin : session_.callback_plugins()) {
        const jw_str name{event.data(), event.size()};
        if (plugin->callback().supports(name) == 0) continue;
        std::vector<std::pair<std::string, std::string>> details{{"event", event}, {"schema", session_.default_schema()}};
        if (migration != nullptr) {
            details.emplace_back("migration.version", migration->version ? migration->version->text() : "");
            details.emplace_back("migration.description", migration->description);
            details.emplace_back("migration.script", migration->script);
            details.emplace_back("migration.type", migration->type);
        }
        std::vector<jw_option> detail_options, setting_options;
        for (const auto& [k, v] : details) detail_options.push_back({{k.data(), k.size()}, {v.data(), v.size()}});
        for (const auto& [k, v] : session_.plugin_settings()) setting_options.push_back({{k.data(), k.size()}, {v.data(), v.size()}});
        host_statement_runner runner(session_);
        jw_error err{};
        err.struct_size = sizeof err;
        const jw_status status = plugin->callback().handle(name, detail_options.data(), detail_options.size(),
                                                           setting_options.data(), setting_options.size(), runner.c_runner(), &err);
        if (status != JW_OK)
            throw_plugin_error(status, err, "Error while executing " + event + " callback: plugin '" + plugin->name() + "'");
    }
    (void)inside_transaction;
}

void callback_runner::fire_on_error(const std::string& event, bool inside_transaction,
                                    const resolved_migration* migration) noexcept {
    try {
        fire(event, inside_transaction, migration);
    } catch (const std::exception& e) {
        try {
            spdlog::warn("{}", e.what());
        } catch (...) {
        }
    }
}

}  // namespace jetway::core
