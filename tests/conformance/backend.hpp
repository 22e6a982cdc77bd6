// SPDX-License-Identifier: Apache-2.0
// The database one build of the engine conformance suite runs against: a fresh one per test,
// its URL for jetway, and a way to look inside it.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace jetway::test {

using rows = std::vector<std::vector<std::string>>;

class backend {
 public:
    virtual ~backend() = default;
    /// The URL jetway gets.
    virtual std::string url() const = 0;
    /// Rows of `sql` as text; NULL as "NULL"; booleans as 1/0.
    virtual rows query(const std::string& sql) = 0;
    /// Whether a failed migration rolls back entirely (no failed row is left).
    virtual bool transactional_ddl() const = 0;
    /// The schema history table as SQL names it in this database.
    virtual std::string history_table() const { return "flyway_schema_history"; }
    /// Whether a table exists in the default schema.
    virtual bool has_table(const std::string& name) = 0;
};

/// The backend this build was compiled for (JW_BACKEND_*), in `scratch` where it needs files.
std::unique_ptr<backend> make_backend(const std::string& scratch);

}  // namespace jetway::test
