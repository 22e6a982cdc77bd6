// SPDX-License-Identifier: Apache-2.0
// The C++ interfaces for resolver and callback plugins.
#pragma once

#include <jetway/plugin_abi.h>
#include <jetway/sdk/error.hpp>
#include <jetway/sdk/log.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jetway::sdk {

/// Key/value facts: Jetway's settings, or an event's details.
using properties = std::map<std::string, std::string, std::less<>>;

/// How a migration relates to the transaction Jetway opens for it.
enum class transaction_mode {
    inside = JW_TX_INSIDE,     // commits together with its history row
    outside = JW_TX_OUTSIDE,   // must run outside any transaction
    not_used = JW_TX_NOT_USED  // does not use Jetway's connection (a program with its own)
};

/// A SQL script for Jetway to run as it runs SQL migrations (statement_runner::run_sql_script).
struct sql_script {
    std::string path;  // on disk
    std::string name;  // as messages name it, e.g. relative to its location
    std::string encoding;  // empty: the configured one
    bool detect_encoding = false;
    bool placeholder_replacement = true;
    std::optional<transaction_mode> mode;  // empty: decided by its statements and the settings
};

/// Runs SQL on the connection and in the transaction Jetway chose for the migration or event.
class statement_runner {
 public:
    /// `host`: whose script services to use; by default the host of the call being served.
    explicit statement_runner(jw_statement_runner runner, const jw_host_v1* host = detail::current_host())
        : runner_(runner), host_(host) {}
    jw_statement_runner c_runner() const noexcept { return runner_; }
    /// Runs one statement; returns the rows it changed (or -1). Throws sdk::error on failure.
    std::int64_t execute(std::string_view sql) const {
        jw_error err{};
        err.struct_size = sizeof err;
        std::int64_t affected = -1;
        const jw_status status = runner_.execute(runner_.ctx, jw_str{sql.data(), sql.size()}, &affected, &err);
        if (status != JW_OK) {
            std::string message = err.message != nullptr ? err.message : "statement failed";
            std::string state(err.sqlstate);
            const int code = err.vendor_code;
            if (err.release != nullptr) err.release(&err);
            throw error(status, message, state, code);
        }
        return affected;
    }

    /// Reads `script` through and says how it must run (its statements, mixed, executeInTransaction).
    transaction_mode sql_script_mode(const sql_script& script) const {
        std::int32_t mode = JW_TX_INSIDE;
        call(offsetof(jw_host_v1, sql_script_mode), [&](const jw_host_v1& host, jw_error* err) {
            const jw_sql_script s = to_c(script);
            return host.sql_script_mode(runner_, &s, &mode, err);
        });
        return static_cast<transaction_mode>(mode);
    }

    /// Runs `script` statement by statement with the driver's dialect, as a SQL migration runs.
    void run_sql_script(const sql_script& script) const {
        call(offsetof(jw_host_v1, run_sql_script), [&](const jw_host_v1& host, jw_error* err) {
            const jw_sql_script s = to_c(script);
            return host.run_sql_script(runner_, &s, err);
        });
    }

    /// Runs the program at `path` with Jetway's environment; a non-zero exit throws (JW_E_MIGRATION).
    void run_program(std::string_view path) const {
        call(offsetof(jw_host_v1, run_program), [&](const jw_host_v1& host, jw_error* err) {
            return host.run_program(runner_, jw_str{path.data(), path.size()}, err);
        });
    }

 private:
    jw_sql_script to_c(const sql_script& script) const noexcept {
        jw_sql_script s{};
        s.struct_size = sizeof s;
        s.path = jw_str{script.path.data(), script.path.size()};
        s.name = jw_str{script.name.data(), script.name.size()};
        s.encoding = jw_str{script.encoding.data(), script.encoding.size()};
        s.detect_encoding = script.detect_encoding ? 1 : 0;
        s.placeholder_replacement = script.placeholder_replacement ? 1 : 0;
        s.mode = script.mode ? static_cast<std::int32_t>(*script.mode) : -1;
        return s;
    }

    // Calls a host service of API 1.1+, refusing clearly on an older host.
    template <class Call>
    void call(std::size_t field_offset, Call&& fn) const {
        const jw_host_v1* host = host_;
        if (host == nullptr || host->struct_size <= field_offset)
            throw error(JW_E_NOT_IMPLEMENTED, "this Jetway is too old to run scripts for a plugin (needs plugin API 1.1)");
        jw_error err{};
        err.struct_size = sizeof err;
        const jw_status status = fn(*host, &err);
        if (status == JW_OK) return;
        std::string message = err.message != nullptr ? err.message : "failed";
        std::string state(err.sqlstate);
        const int code = err.vendor_code;
        if (err.release != nullptr) err.release(&err);
        throw error(status, message, state, code);
    }

    jw_statement_runner runner_;
    const jw_host_v1* host_;
};

/// A migration a resolver offers.
struct migration {
    enum class kind_type {
        versioned = JW_MIGRATION_VERSIONED,
        repeatable = JW_MIGRATION_REPEATABLE,
        baseline = JW_MIGRATION_BASELINE,
        undo = JW_MIGRATION_UNDO
    };
    kind_type kind = kind_type::versioned;
    std::string version;  // "1.2" or "1_2"; empty for repeatables
    std::string description;
    std::string type = "CUSTOM";  // what history records
    std::string script;           // what history records as script
    std::optional<std::int32_t> checksum;
    std::optional<std::int32_t> equivalent_checksum;  // another checksum history may hold for it
    std::string location;                             // where it comes from, for messages
};

/// A migration resolver. resolve() lists migrations; migrate() runs the one at `index` (its
/// position in the list resolve() returned) through `runner`. Jetway's own SQL and script
/// resolvers implement this too.
class resolver {
 public:
    virtual ~resolver() = default;
    virtual std::vector<migration> resolve(const properties& settings) = 0;
    virtual void migrate(std::size_t index, statement_runner& runner) = 0;
    /// How migration `index` runs; asked before its transaction opens. `runner` is only good
    /// for sql_script_mode() here.
    virtual transaction_mode transaction(std::size_t /*index*/, statement_runner& /*runner*/) {
        return transaction_mode::inside;
    }
};

/// A callback. supports() says which events it wants; handle() is called for each of them.
class callback {
 public:
    virtual ~callback() = default;
    virtual bool supports(std::string_view event) const = 0;
    virtual void handle(std::string_view event, const properties& details, const properties& settings,
                        statement_runner& runner) = 0;
};

}  // namespace jetway::sdk
