// SPDX-License-Identifier: Apache-2.0
// What resolvers and callbacks (built-in and plugins alike) run SQL and scripts with: the
// session's connection inside the transaction Jetway chose, or the dry-run file when statements
// are diverted. Its C view is the jw_statement_runner of the SDK; the jw_host_v1 script
// services find their way back here through it.
#pragma once

#include <jetway/core/plugin_library.hpp>
#include <jetway/plugin_abi.h>
#include <jetway/sdk/extension.hpp>

#include "script_runner.hpp"

namespace jetway::core {

/// The script services plugins are given: they run on the session of the statement runner that
/// a plugin passes back.
host_script_services engine_script_services() noexcept;

/// The table the built-in resolvers and callbacks use: they are written against the SDK, whose
/// statement_runner reaches the host's script services through it.
const jw_host_v1& engine_host_services() noexcept;

class session;

class host_statement_runner {
 public:
    /// For a migration: `hooks` (statement callbacks, applied-line bookkeeping) see each statement.
    explicit host_statement_runner(session& s, const statement_hooks* hooks = nullptr) : session_(s), hooks_(hooks) {}
    /// For a callback: a transactional script gets its own transaction when none is open.
    static host_statement_runner for_callback(session& s, bool inside_transaction) {
        host_statement_runner r(s);
        r.callback_ = true;
        r.inside_transaction_ = inside_transaction;
        return r;
    }

    /// The C view of this runner; valid while this object lives.
    jw_statement_runner c_runner() noexcept { return jw_statement_runner{this, &execute}; }
    /// The SDK's view of it, with the engine's script services, for the compiled-in resolvers and
    /// callbacks (a plugin gets the host of its own load instead).
    sdk::statement_runner sdk_runner() noexcept { return sdk::statement_runner(c_runner(), &engine_host_services()); }

    // The script services of jw_host_v1 (API 1.1).
    static jw_status sql_script_mode(jw_statement_runner runner, const jw_sql_script* script, int32_t* mode,
                                     jw_error* error) noexcept;
    static jw_status run_sql_script(jw_statement_runner runner, const jw_sql_script* script, jw_error* error) noexcept;
    static jw_status run_program(jw_statement_runner runner, jw_str path, jw_error* error) noexcept;

 private:
    static jw_status execute(void* ctx, jw_str sql, int64_t* affected, jw_error* error) noexcept;
    /// This runner behind `runner`, or null when it is not one of ours.
    static host_statement_runner* from(jw_statement_runner runner) noexcept;
    script_file file_of(const jw_sql_script& script) const;

    session& session_;
    const statement_hooks* hooks_ = nullptr;
    bool callback_ = false;
    bool inside_transaction_ = false;
};

}  // namespace jetway::core
