// SPDX-License-Identifier: Apache-2.0
#include "plugin_runner.hpp"

#include <jetway/core/error.hpp>

#include "script_runner.hpp"
#include "session.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <cstring>

namespace jetway::core {
namespace {

// The host allocates this message, so the host frees it: the release function is ours.
void release_host_error(jw_error* e) {
    std::free(e->message);
    e->message = nullptr;
    e->release = nullptr;
}

jw_status report(jw_error* e, jw_status status, const std::string& message, const std::string& sqlstate, int code) {
    if (e == nullptr) return status;
    e->message = static_cast<char*>(std::malloc(message.size() + 1));
    if (e->message != nullptr) std::memcpy(e->message, message.c_str(), message.size() + 1);
    std::memset(e->sqlstate, 0, sizeof e->sqlstate);
    std::memcpy(e->sqlstate, sqlstate.data(), std::min<std::size_t>(sqlstate.size(), 5));
    e->vendor_code = code;
    e->release = &release_host_error;
    return status;
}

}  // namespace

jw_status host_statement_runner::execute(void* ctx, jw_str sql, int64_t* affected, jw_error* out) noexcept {
    auto* self = static_cast<host_statement_runner*>(ctx);
    try {
        const std::string text(sql.data, sql.size);
        spdlog::debug("Executing SQL for a plugin: {}", text);
        if (self->session_.scripts().diverted()) {
            self->session_.dry_run_write(text + ";");
            if (affected != nullptr) *affected = 0;
            return JW_OK;
        }
        const std::int64_t n = self->session_.connection().execute(text);
        if (affected != nullptr) *affected = n;
        return JW_OK;
    } catch (const error& e) {
        return report(out, e.code() == error_code::connection_failed ? JW_E_CONNECTION : JW_E_SQL, e.what(), e.sqlstate(),
                      e.vendor_code());
    } catch (const std::exception& e) {
        return report(out, JW_E_INTERNAL, e.what(), {}, 0);
    } catch (...) {
        return report(out, JW_E_INTERNAL, "unknown error", {}, 0);
    }
}

}  // namespace jetway::core
