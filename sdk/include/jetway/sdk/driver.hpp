// SPDX-License-Identifier: Apache-2.0
// The driver interface: one instance per loaded plugin, stateless and thread-safe.
#pragma once

#include <jetway/plugin_abi.h>
#include <jetway/sdk/connection.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace jetway::sdk {

/// Options the host passes to connect: user, password, connectRetries and the like.
using connect_options = std::map<std::string, std::string, std::less<>>;

/// Which history-table statement to render (mirrors JW_HISTORY_*).
enum class history_statement : std::int32_t {
    create_table = JW_HISTORY_CREATE_TABLE,
    table_exists = JW_HISTORY_TABLE_EXISTS,
    select_rows = JW_HISTORY_SELECT,
    insert_row = JW_HISTORY_INSERT,
    lock_table = JW_HISTORY_LOCK,
};

/// A database driver. connect() may be called from any thread.
class driver {
 public:
    virtual ~driver() = default;
    /// Opens a connection for `url` (the URL exactly as the user wrote it).
    virtual std::unique_ptr<connection> connect(std::string_view url,
                                                const connect_options& options) = 0;
    /// The SQL of one history-table statement for schema.table; the core runs it.
    virtual std::string history_sql(history_statement which, std::string_view schema,
                                    std::string_view table) const = 0;
    /// The dialect's splitting rules. Static data: the pointer must stay valid while loaded.
    virtual const jw_dialect_v1& dialect() const noexcept = 0;
};

}  // namespace jetway::sdk
