// SPDX-License-Identifier: Apache-2.0
// Resolved migrations and history rows brought together, each with Flyway's state (spec §1.13),
// and the validation rules over them (§14.1).
#pragma once

#include <jetway/core/applied_migration.hpp>
#include <jetway/core/resolved_migration.hpp>

#include <optional>
#include <string>
#include <vector>

namespace jetway::core {

enum class migration_state {
    pending, above_target, below_baseline, baseline_ignored, baseline, ignored,
    missing_success, missing_failed, success, undone, available, failed, out_of_order,
    future_success, future_failed, outdated, superseded, deleted,
};

/// "Pending", "Above Target", "Failed (Missing)" ... as Flyway prints them.
const char* display_name(migration_state state) noexcept;
/// PENDING, ABOVE_TARGET ... as -infoOfState and JSON name them.
const char* enum_name(migration_state state) noexcept;
bool is_failed(migration_state state) noexcept;
bool is_applied(migration_state state) noexcept;

struct migration_info {
    const resolved_migration* resolved = nullptr;
    const applied_migration* applied = nullptr;
    migration_state state = migration_state::pending;

    std::optional<migration_version> version() const;
    std::string description() const;
    std::string type() const;
    std::string script() const;
    std::optional<std::int32_t> checksum() const;
    bool is_versioned() const { return version().has_value(); }
    /// Category column: Versioned, Repeatable, Baseline, Undo, or "" for synthetic rows.
    std::string category() const;
};

/// An ignoreMigrationPatterns entry: <type>:<state> (spec §10.9).
struct ignore_pattern {
    std::string type;   // *, repeatable, versioned
    std::string state;  // *, missing, pending, ignored, future
    /// Throws core::error with Flyway's message for a malformed pattern.
    static ignore_pattern parse(const std::string& text);
    bool matches(const migration_info& info) const;
};

struct info_options {
    std::string target = "latest";  // latest, current, next, a version, or "<version>?"
    bool out_of_order = false;
    std::vector<std::string> cherry_pick;  // versions or repeatable descriptions; empty: all
};

class migration_info_set {
 public:
    /// Builds the picture in O(n log n). `resolved` and `applied` must outlive the set.
    migration_info_set(const std::vector<resolved_migration>& resolved,
                       const std::vector<applied_migration>& applied, const info_options& options);

    const std::vector<migration_info>& all() const noexcept { return infos_; }
    /// Pending entries in the order migrate applies them.
    std::vector<const migration_info*> pending() const;
    /// The applied entry with the highest version, or the last applied repeatable.
    const migration_info* current() const;
    /// Entries in a failed state.
    std::vector<const migration_info*> failed() const;

    /// Flyway's validation messages (spec §14.1), one per invalid entry.
    std::vector<std::string> validate(const std::vector<ignore_pattern>& ignore) const;

    /// The highest resolved version that is not yet applied nor above target, etc., for logs.
    const std::optional<migration_version>& last_applied() const noexcept { return last_applied_; }
    const std::optional<migration_version>& last_resolved() const noexcept { return last_resolved_; }

 private:
    std::vector<migration_info> infos_;
    std::optional<migration_version> last_applied_;
    std::optional<migration_version> last_resolved_;
    std::optional<migration_version> applied_baseline_;
};

}  // namespace jetway::core
