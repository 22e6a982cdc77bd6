// SPDX-License-Identifier: Apache-2.0
// The C++ interfaces for resolver and callback plugins.
#pragma once

#include <jetway/plugin_abi.h>
#include <jetway/sdk/error.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jetway::sdk {

/// Key/value facts: Jetway's settings, or an event's details.
using properties = std::map<std::string, std::string, std::less<>>;

/// Runs SQL on the connection and in the transaction Jetway chose for the migration or event.
class statement_runner {
 public:
    explicit statement_runner(jw_statement_runner runner) : runner_(runner) {}
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

 private:
    jw_statement_runner runner_;
};

/// A migration a resolver offers.
struct migration {
    enum class kind_type { versioned = JW_MIGRATION_VERSIONED, repeatable = JW_MIGRATION_REPEATABLE, baseline = JW_MIGRATION_BASELINE };
    kind_type kind = kind_type::versioned;
    std::string version;  // "1.2" or "1_2"; empty for repeatables
    std::string description;
    std::string type = "CUSTOM";  // what history records
    std::string script;           // what history records as script
    std::optional<std::int32_t> checksum;
};

/// A migration resolver. resolve() lists migrations; migrate() runs the one at `index` (its
/// position in the list resolve() returned) through `runner`.
class resolver {
 public:
    virtual ~resolver() = default;
    virtual std::vector<migration> resolve(const properties& settings) = 0;
    virtual void migrate(std::size_t index, statement_runner& runner) = 0;
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
