// SPDX-License-Identifier: Apache-2.0
#include "callback_runner.hpp"

#include <jetway/core/error.hpp>

#include "script_process.hpp"
#include "script_runner.hpp"
#include "session.hpp"

#include <spdlog/spdlog.h>

namespace jetway::core {

bool callback_runner::has(const std::string& event) {
    const auto& callbacks = session_.resolved().callbacks;
    return std::any_of(callbacks.begin(), callbacks.end(), [&](const resolved_callback& c) { return c.event == event; });
}

void callback_runner::fire(const std::string& event, bool inside_transaction) {
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
}

void callback_runner::fire_on_error(const std::string& event, bool inside_transaction) noexcept {
    try {
        fire(event, inside_transaction);
    } catch (const std::exception& e) {
        try {
            spdlog::warn("{}", e.what());
        } catch (...) {
        }
    }
}

}  // namespace jetway::core
