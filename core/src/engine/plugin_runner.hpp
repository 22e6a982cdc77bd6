// SPDX-License-Identifier: Apache-2.0
// What resolver and callback plugins get to run SQL with: the session's connection (inside the
// transaction Jetway chose), or the dry-run file when statements are diverted.
#pragma once

#include <jetway/plugin_abi.h>

namespace jetway::core {

class session;

class host_statement_runner {
 public:
    explicit host_statement_runner(session& s) : session_(s) {}
    /// The C view of this runner; valid while this object lives.
    jw_statement_runner c_runner() noexcept { return jw_statement_runner{this, &execute}; }

 private:
    static jw_status execute(void* ctx, jw_str sql, int64_t* affected, jw_error* error) noexcept;
    session& session_;
};

}  // namespace jetway::core
