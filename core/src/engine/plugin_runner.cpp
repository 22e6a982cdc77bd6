// SPDX-License-Identifier: Apache-2.0
#include "plugin_runner.hpp"

#include <jetway/core/error.hpp>
#include <jetway/core/plugin_library.hpp>

#include "../plugin/host_services.hpp"
#include "script_process.hpp"
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

// Runs `fn`, turning what it throws into a status and a filled jw_error: nothing crosses the ABI.
template <class Fn>
jw_status guarded(jw_error* out, Fn&& fn) noexcept {
    try {
        fn();
        return JW_OK;
    } catch (const error& e) {
        return report(out, status_for(e.code()), e.what(), e.sqlstate(), e.vendor_code());
    } catch (const std::exception& e) {
        return report(out, JW_E_INTERNAL, e.what(), {}, 0);
    } catch (...) {
        return report(out, JW_E_INTERNAL, "unknown error", {}, 0);
    }
}

std::string text_of(jw_str s) { return s.data == nullptr ? std::string{} : std::string(s.data, s.size); }

}  // namespace

host_statement_runner* host_statement_runner::from(jw_statement_runner runner) noexcept {
    return runner.execute == &host_statement_runner::execute ? static_cast<host_statement_runner*>(runner.ctx) : nullptr;
}

script_file host_statement_runner::file_of(const jw_sql_script& script) const {
    script_file file;
    file.path = text_of(script.path);
    file.script = text_of(script.name);
    if (file.script.empty()) file.script = file.path.filename().string();
    file.encoding = text_of(script.encoding);
    if (file.encoding.empty()) file.encoding = session_.config().encoding;
    file.detect_encoding = script.detect_encoding != 0;
    file.placeholder_replacement = script.placeholder_replacement != 0;
    if (script.mode == JW_TX_INSIDE) file.execute_in_transaction = true;
    if (script.mode == JW_TX_OUTSIDE) file.execute_in_transaction = false;
    return file;
}

jw_status host_statement_runner::execute(void* ctx, jw_str sql, int64_t* affected, jw_error* out) noexcept {
    auto* self = static_cast<host_statement_runner*>(ctx);
    return guarded(out, [&] {
        const std::string text(sql.data, sql.size);
        spdlog::debug("Executing SQL for a plugin: {}", text);
        if (self->session_.scripts().diverted()) {
            self->session_.dry_run_write(text + ";");
            if (affected != nullptr) *affected = 0;
            return;
        }
        // It needs its answer now: what a flight kept goes first, in order.
        self->session_.scripts().land();
        const std::int64_t n = self->session_.connection().execute(text);
        if (affected != nullptr) *affected = n;
    });
}

jw_status host_statement_runner::sql_script_mode(jw_statement_runner runner, const jw_sql_script* script,
                                                 int32_t* mode, jw_error* out) noexcept {
    return guarded(out, [&] {
        host_statement_runner* self = from(runner);
        if (self == nullptr || script == nullptr || mode == nullptr)
            throw error(error_code::configuration, "sql_script_mode needs the runner Jetway passed in");
        *mode = self->session_.scripts().analyze(self->file_of(*script)) ? JW_TX_INSIDE : JW_TX_OUTSIDE;
    });
}

jw_status host_statement_runner::run_sql_script(jw_statement_runner runner, const jw_sql_script* script,
                                                jw_error* out) noexcept {
    return guarded(out, [&] {
        host_statement_runner* self = from(runner);
        if (self == nullptr || script == nullptr)
            throw error(error_code::configuration, "run_sql_script needs the runner Jetway passed in");
        session& s = self->session_;
        const script_file file = self->file_of(*script);
        static const statement_hooks no_hooks;
        const statement_hooks& hooks = self->hooks_ != nullptr ? *self->hooks_ : no_hooks;
        // A callback outside a migration's transaction gets one of its own (spec §9).
        const bool own_transaction = self->callback_ && !self->inside_transaction_ && !s.scripts().diverted() &&
                                     (file.execute_in_transaction ? *file.execute_in_transaction : s.scripts().analyze(file));
        if (!own_transaction) {
            s.scripts().run(file, hooks);
            return;
        }
        s.connection().begin();
        try {
            s.scripts().run(file, hooks);
            s.connection().commit();
        } catch (...) {
            s.connection().rollback();
            throw;
        }
    });
}

jw_status host_statement_runner::run_program(jw_statement_runner runner, jw_str path, jw_error* out) noexcept {
    return guarded(out, [&] {
        host_statement_runner* self = from(runner);
        if (self == nullptr) throw error(error_code::configuration, "run_program needs the runner Jetway passed in");
        const std::filesystem::path program = text_of(path);
        if (self->session_.scripts().diverted()) {
            spdlog::info("Dry run: not running script {}", program.string());
            return;
        }
        self->session_.scripts().land();  // the program may read what the migration did so far
        const process_outcome outcome = run_script_process(self->session_, program);
        if (outcome.exit_code != 0) throw error(error_code::migration_failed, outcome.output);
    });
}

host_script_services engine_script_services() noexcept {
    return {&host_statement_runner::sql_script_mode, &host_statement_runner::run_sql_script, &host_statement_runner::run_program};
}

const jw_host_v1& engine_host_services() noexcept {
    static const std::string name = "jetway";
    static const jw_host_v1 host = make_host_services(&name, engine_script_services());
    return host;
}

}  // namespace jetway::core
