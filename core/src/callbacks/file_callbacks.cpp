// SPDX-License-Identifier: Apache-2.0
#include "file_callbacks.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace jetway::core {

bool file_callbacks::supports(std::string_view event) const {
    const auto& callbacks = scan_().callbacks;
    return std::any_of(callbacks.begin(), callbacks.end(), [&](const resolved_callback& c) { return c.event == event; });
}

void file_callbacks::handle(std::string_view event, const sdk::properties&, const sdk::properties&,
                            sdk::statement_runner& runner) {
    for (const resolved_callback& cb : scan_().callbacks) {
        if (cb.event != event) continue;
        const std::string label = cb.event + (cb.description.empty() ? "" : " - " + cb.description);
        if (cb.is_script) {
            spdlog::info("Executing script callback: {}", label);
            try {
                runner.run_program(cb.path.string());
            } catch (const sdk::error& e) {
                if (e.status() == JW_E_MIGRATION) spdlog::warn("Script callback \"{}\" failed.", label);
                else spdlog::warn("Script callback \"{}\" failed: {}", label, e.what());
            }
            continue;
        }
        sdk::sql_script script =
            sql_script_of(cb.path, cb.script, cb.encoding, detect_encoding_, cb.placeholder_replacement, cb.settings);
        script.mode = runner.sql_script_mode(script);
        spdlog::info("Executing SQL callback: {}{}", label,
                     script.mode == sdk::transaction_mode::inside ? "" : " [non-transactional]");
        runner.run_sql_script(script);
    }
}

}  // namespace jetway::core
