// SPDX-License-Identifier: Apache-2.0
// What one run knows of its history table's rows: those it read and those it added since,
// whether that is the whole table (read inside the lock it still holds), and the ranks a dry
// run hands out. Saves reading the table again after every migration.
#pragma once

#include <jetway/core/applied_migration.hpp>
#include <jetway/core/schema_history.hpp>

#include <optional>
#include <vector>

namespace jetway::core {

class history_rows {
 public:
    explicit history_rows(schema_history& table) : table_(table) {}

    schema_history& table() noexcept { return table_; }
    const std::vector<applied_migration>& applied() const noexcept { return applied_; }

    /// Reads the whole table again (no rows when it does not exist yet).
    const std::vector<applied_migration>& reread();
    /// Reads only the rows added since the last read (other migrators only ever append while
    /// we hold the lock). Returns how many there were.
    std::size_t read_new();
    /// A row we inserted ourselves, known without reading it back.
    void note(const applied_migration& row) { applied_.push_back(row); }

    /// Whether the history table exists. While this run is the sole writer an answer of yes is
    /// kept (no one else can drop it; our own clean says so), saving a catalog query each time.
    bool table_exists();
    /// The table was just created (true) or dropped (false) by this run.
    void table_now_exists(bool exists) noexcept { known_to_exist_ = exists; }

    /// Whether this run is the table's only writer for now (it holds the migration lock across
    /// migrations): then what was read plus what was noted is the whole table.
    bool sole_writer() const noexcept { return sole_writer_; }
    void set_sole_writer(bool sole) noexcept {
        sole_writer_ = sole;
        known_to_exist_ = false;  // a new window: learn it again under this lock
        read_under_lock_ = false;
    }
    /// Whether applied() is the whole table: read inside the lock now held, or sole_writer().
    bool current() const noexcept { return sole_writer_ || current_; }
    /// Whether the rows were read (not only noted) since the lock now held was taken.
    bool read_under_this_lock() const noexcept { return read_under_lock_; }
    /// A new lock window: others may have written since the last read.
    void may_have_changed() noexcept {
        current_ = false;
        read_under_lock_ = false;
    }

    /// The rank the next row a dry run writes would get.
    int next_dry_run_rank();

 private:
    schema_history& table_;
    std::vector<applied_migration> applied_;
    std::optional<int> dry_run_rank_;
    bool sole_writer_ = false;
    bool current_ = false;
    bool known_to_exist_ = false;
    bool read_under_lock_ = false;
};

}  // namespace jetway::core
