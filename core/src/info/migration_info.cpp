// SPDX-License-Identifier: Apache-2.0
// How Flyway decides each migration's state (spec §1.13) and what validate reports (§14.1).
// Everything is keyed in ordered maps, so building the picture is O(n log n).
#include <jetway/core/error.hpp>
#include <jetway/core/migration_info.hpp>

#include "../support/text.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace jetway::core {
namespace {

bool checksum_matches(const resolved_migration& r, const std::optional<std::int32_t>& applied) {
    // A NULL on either side never mismatches (spec §3.4); repeatables also accept the checksum
    // of their text before placeholder replacement (§3.2).
    if (!applied || !r.checksum) return true;
    return *applied == *r.checksum || (r.equivalent_checksum && *applied == *r.equivalent_checksum);
}

struct row_flags {
    bool out_of_order = false;
    bool deleted = false;
    bool undone = false;
};

using version_key = std::pair<migration_version, std::string>;  // (version, history type)

struct target_spec {
    std::optional<migration_version> version;  // absent: no upper limit
    bool next = false;
    bool fail_if_missing = false;
};

target_spec parse_target(const std::string& text, const std::optional<migration_version>& last_applied) {
    target_spec t;
    const std::string v = to_lower(trim(text));
    if (v.empty() || v == "latest") return t;
    if (v == "current") {
        t.version = last_applied;
        if (!last_applied) t.version = migration_version::parse("0");  // nothing applied: nothing new
        return t;
    }
    if (v == "next") {
        t.next = true;
        return t;
    }
    std::string raw = trim(text);
    t.fail_if_missing = true;
    if (!raw.empty() && raw.back() == '?') {
        raw.pop_back();
        t.fail_if_missing = false;
    }
    t.version = migration_version::parse(raw);
    return t;
}

}  // namespace

bool is_synthetic_type(const std::string& type) {
    return type == "SCHEMA" || type == "BASELINE" || type == "DELETE";
}
bool is_baseline_type(const std::string& type) {
    return type == "BASELINE" || type == "SQL_BASELINE" || type == "JDBC_BASELINE";
}
bool is_undo_type(const std::string& type) { return type.rfind("UNDO_", 0) == 0; }

const char* display_name(migration_state s) noexcept {
    switch (s) {
        case migration_state::pending: return "Pending";
        case migration_state::above_target: return "Above Target";
        case migration_state::below_baseline: return "Below Baseline";
        case migration_state::baseline_ignored: return "Ignored (Baseline)";
        case migration_state::baseline: return "Baseline";
        case migration_state::ignored: return "Ignored";
        case migration_state::missing_success: return "Missing";
        case migration_state::missing_failed: return "Failed (Missing)";
        case migration_state::success: return "Success";
        case migration_state::undone: return "Undone";
        case migration_state::available: return "Available";
        case migration_state::failed: return "Failed";
        case migration_state::out_of_order: return "Out of Order";
        case migration_state::future_success: return "Future";
        case migration_state::future_failed: return "Failed (Future)";
        case migration_state::outdated: return "Outdated";
        case migration_state::superseded: return "Superseded";
        case migration_state::deleted: return "Deleted";
    }
    return "";
}

const char* enum_name(migration_state s) noexcept {
    switch (s) {
        case migration_state::pending: return "PENDING";
        case migration_state::above_target: return "ABOVE_TARGET";
        case migration_state::below_baseline: return "BELOW_BASELINE";
        case migration_state::baseline_ignored: return "BASELINE_IGNORED";
        case migration_state::baseline: return "BASELINE";
        case migration_state::ignored: return "IGNORED";
        case migration_state::missing_success: return "MISSING_SUCCESS";
        case migration_state::missing_failed: return "MISSING_FAILED";
        case migration_state::success: return "SUCCESS";
        case migration_state::undone: return "UNDONE";
        case migration_state::available: return "AVAILABLE";
        case migration_state::failed: return "FAILED";
        case migration_state::out_of_order: return "OUT_OF_ORDER";
        case migration_state::future_success: return "FUTURE_SUCCESS";
        case migration_state::future_failed: return "FUTURE_FAILED";
        case migration_state::outdated: return "OUTDATED";
        case migration_state::superseded: return "SUPERSEDED";
        case migration_state::deleted: return "DELETED";
    }
    return "";
}

bool is_failed(migration_state s) noexcept {
    return s == migration_state::failed || s == migration_state::missing_failed ||
           s == migration_state::future_failed;
}

bool is_applied(migration_state s) noexcept {
    switch (s) {
        case migration_state::baseline: case migration_state::missing_success:
        case migration_state::missing_failed: case migration_state::success:
        case migration_state::undone: case migration_state::failed:
        case migration_state::out_of_order: case migration_state::future_success:
        case migration_state::future_failed: case migration_state::outdated:
        case migration_state::superseded: case migration_state::deleted:
            return true;
        default:
            return false;
    }
}

std::optional<migration_version> migration_info::version() const {
    if (applied != nullptr) return applied->version;
    return resolved->version;
}
std::string migration_info::description() const {
    return applied != nullptr ? applied->description : resolved->description;
}
std::string migration_info::type() const { return applied != nullptr ? applied->type : resolved->type; }
std::string migration_info::script() const { return applied != nullptr ? applied->script : resolved->script; }
std::optional<std::int32_t> migration_info::checksum() const {
    return applied != nullptr ? applied->checksum : resolved->checksum;
}
std::string migration_info::category() const {
    const std::string t = type();
    if (t == "SCHEMA" || t == "BASELINE" || t == "DELETE") return "";
    if (is_undo_type(t)) return "Undo";
    if (!version()) return "Repeatable";
    if (is_baseline_type(t)) return "Baseline";
    return "Versioned";
}

ignore_pattern ignore_pattern::parse(const std::string& text) {
    const std::string p = trim(text);
    const std::size_t colon = p.find(':');
    if (colon == std::string::npos || p.find(':', colon + 1) != std::string::npos)
        throw error(error_code::configuration,
                    "Invalid pattern '" + p + "'. Pattern must be of the form "
                    "<migration_type>:<migration_state> See https://rd.gt/37m4hXD for full details");
    ignore_pattern out{to_lower(trim(p.substr(0, colon))), to_lower(trim(p.substr(colon + 1)))};
    if (out.type != "*" && out.type != "repeatable" && out.type != "versioned")
        throw error(error_code::configuration, "Invalid migration type '" + p.substr(0, colon) +
                                                   "'. Valid types are: [*, repeatable, versioned]");
    if (out.state != "*" && out.state != "missing" && out.state != "pending" && out.state != "ignored" &&
        out.state != "future")
        throw error(error_code::configuration,
                    "Invalid migration state '" + p.substr(colon + 1) +
                        "'. Valid states are: [*, missing, pending, ignored, future]");
    return out;
}

bool ignore_pattern::matches(const migration_info& info) const {
    const bool type_ok = type == "*" || (type == "versioned") == info.is_versioned();
    return type_ok && (state == "*" || state == to_lower(display_name(info.state)));
}

migration_info_set::migration_info_set(const std::vector<resolved_migration>& resolved,
                                       const std::vector<applied_migration>& applied,
                                       const info_options& options) {
    // 1. What is on disk, keyed as Flyway keys it. Undo files are not listed (undo uses them).
    std::map<version_key, const resolved_migration*> resolved_versioned;
    std::map<std::string, const resolved_migration*> resolved_repeatable;
    for (const resolved_migration& r : resolved) {
        if (r.kind == migration_kind::undo) continue;
        if (r.version) {
            if (!last_resolved_ || *r.version > *last_resolved_) last_resolved_ = r.version;
            resolved_versioned[{*r.version, r.type}] = &r;
        } else {
            resolved_repeatable[r.description] = &r;
        }
    }

    // 2. History rows in rank order; DELETE and UNDO rows mark earlier rows.
    std::vector<std::pair<const applied_migration*, row_flags>> av;
    std::vector<std::pair<const applied_migration*, row_flags>> ar;
    std::map<migration_version, std::vector<std::size_t>> av_by_version;  // indexes into av
    std::map<std::string, std::vector<std::size_t>> ar_by_description;
    for (const applied_migration& a : applied) {
        if (a.version) {
            if (is_baseline_type(a.type) && (!applied_baseline_ || *a.version > *applied_baseline_))
                applied_baseline_ = a.version;
            auto& same = av_by_version[*a.version];
            if ((a.type == "DELETE" && a.success) || (is_undo_type(a.type) && a.success)) {
                for (auto it = same.rbegin(); it != same.rend(); ++it) {
                    auto& [row, flags] = av[*it];
                    if (is_synthetic_type(row->type) || is_undo_type(row->type) || flags.deleted || flags.undone) continue;
                    (a.type == "DELETE" ? flags.deleted : flags.undone) = true;
                    break;
                }
                if (a.type == "DELETE") continue;  // versioned DELETE rows are not listed
            }
            same.push_back(av.size());
            av.push_back({&a, {}});
        } else {
            auto& same = ar_by_description[a.description];
            if (a.type == "DELETE" && a.success) {
                for (auto it = same.rbegin(); it != same.rend(); ++it) {
                    auto& [row, flags] = ar[*it];
                    if (is_synthetic_type(row->type) || flags.deleted) continue;
                    flags.deleted = true;
                    break;
                }
            }
            same.push_back(ar.size());
            ar.push_back({&a, {}});
        }
    }

    // 3. The applied version and rows applied out of order.
    for (auto& [row, flags] : av) {
        if (is_undo_type(row->type)) continue;
        if (!last_applied_ || *row->version > *last_applied_) {
            if (row->type != "DELETE" && !flags.deleted && !flags.undone) last_applied_ = row->version;
        } else {
            flags.out_of_order = true;
        }
    }
    const target_spec target = parse_target(options.target, last_applied_);

    // 5. Pair versioned rows with files; what remains on disk is unapplied.
    std::map<version_key, const resolved_migration*> unapplied = resolved_versioned;
    for (auto& [row, flags] : av) {
        const auto it = resolved_versioned.find({*row->version, row->type});
        if (it != resolved_versioned.end() && !flags.deleted && !flags.undone) unapplied.erase(it->first);
    }
    std::optional<migration_version> pending_baseline;
    for (const auto& [key, r] : unapplied)
        if (is_baseline_type(r->type) && (!pending_baseline || key.first > *pending_baseline)) pending_baseline = key.first;

    // 7. Repeatables: the latest run of each description decides.
    std::map<std::string, int> latest_run;
    for (auto& [row, flags] : ar) {
        if (row->type == "DELETE" && flags.deleted) continue;
        auto [it, inserted] = latest_run.emplace(row->description, row->installed_rank);
        if (!inserted && row->installed_rank > it->second) it->second = row->installed_rank;
    }
    std::map<std::string, const resolved_migration*> unapplied_repeatable = resolved_repeatable;
    for (auto& [row, flags] : ar) {
        const auto it = resolved_repeatable.find(row->description);
        if (it == resolved_repeatable.end() || flags.deleted || row->type == "DELETE") continue;
        if (row->installed_rank == latest_run[row->description] && checksum_matches(*it->second, row->checksum))
            unapplied_repeatable.erase(row->description);
    }

    auto in_cherry_pick = [&](const resolved_migration& r) {
        if (options.cherry_pick.empty()) return true;
        for (std::string pick : options.cherry_pick) {
            if (r.version && migration_version::is_valid(pick) && migration_version::parse(pick) == *r.version) return true;
            std::replace(pick.begin(), pick.end(), '_', ' ');
            if (!r.version && pick == r.description) return true;
        }
        return false;
    };

    const std::optional<migration_version>& base = last_applied_ ? applied_baseline_ : pending_baseline;
    auto unapplied_state = [&](const resolved_migration& r) {
        if (!r.version) return migration_state::pending;
        const migration_version& v = *r.version;
        const bool is_b = is_baseline_type(r.type);
        if (base && v < *base) return migration_state::below_baseline;
        if (base && v == *base) {
            // The newest B script on an empty history is the one that runs.
            if (!(is_b && !last_applied_ && !applied_baseline_)) return migration_state::baseline_ignored;
        }
        if (target.version && !target.next && v > *target.version) return migration_state::above_target;
        if (last_applied_ && v < *last_applied_ && !options.out_of_order) return migration_state::ignored;
        if (is_b && (last_applied_ || applied_baseline_)) return migration_state::ignored;
        return migration_state::pending;
    };

    auto applied_state = [&](const applied_migration& a, const resolved_migration* r, const row_flags& flags,
                             bool latest) {
        if (flags.undone) return migration_state::undone;
        if (flags.deleted) return migration_state::deleted;
        if (a.type == "DELETE" || is_undo_type(a.type)) return migration_state::success;
        if (is_baseline_type(a.type) && (a.type == "BASELINE" || r != nullptr))
            return a.success ? migration_state::baseline : migration_state::failed;
        if (r == nullptr) {
            if (a.type == "SCHEMA") return migration_state::success;
            if (!a.version && !latest) return migration_state::superseded;
            if (!a.version || (last_resolved_ && *a.version < *last_resolved_))
                return a.success ? migration_state::missing_success : migration_state::missing_failed;
            return a.success ? migration_state::future_success : migration_state::future_failed;
        }
        if (!a.success) return migration_state::failed;
        if (!a.version) {
            if (!latest) return migration_state::superseded;
            return checksum_matches(*r, a.checksum) ? migration_state::success : migration_state::outdated;
        }
        if (flags.out_of_order) return migration_state::out_of_order;
        return migration_state::success;
    };

    // Assemble in display order: baseline-ignored files, history by rank (with ignored files
    // placed by version), then pending versioned by version, then pending repeatables.
    std::vector<migration_info> before, history, after_versioned, after_repeatable, ignored;
    for (auto& [row, flags] : av) {
        const auto it = resolved_versioned.find({*row->version, row->type});
        const resolved_migration* r = it == resolved_versioned.end() ? nullptr : it->second;
        history.push_back({r, row, applied_state(*row, r, flags, true)});
    }
    for (auto& [row, flags] : ar) {
        const auto it = resolved_repeatable.find(row->description);
        const resolved_migration* r = it == resolved_repeatable.end() ? nullptr : it->second;
        const bool latest = latest_run[row->description] == row->installed_rank;
        history.push_back({r, row, applied_state(*row, r, flags, latest)});
    }
    std::sort(history.begin(), history.end(), [](const migration_info& a, const migration_info& b) {
        return a.applied->installed_rank < b.applied->installed_rank;
    });
    for (const auto& [key, r] : unapplied) {
        migration_info info{r, nullptr, unapplied_state(*r)};
        if (info.state == migration_state::pending && !in_cherry_pick(*r)) info.state = migration_state::ignored;
        if (info.state == migration_state::below_baseline || info.state == migration_state::baseline_ignored)
            before.push_back(info);
        else if (info.state == migration_state::ignored)
            ignored.push_back(info);
        else
            after_versioned.push_back(info);
    }
    for (const auto& [description, r] : unapplied_repeatable) {
        migration_info info{r, nullptr, migration_state::pending};
        if (!in_cherry_pick(*r)) info.state = migration_state::ignored;
        after_repeatable.push_back(info);
    }

    if (target.next) {
        // Only the first pending versioned migration is in scope; later ones are above target.
        bool first = true;
        for (migration_info& info : after_versioned) {
            if (info.state != migration_state::pending) continue;
            if (!first) info.state = migration_state::above_target;
            first = false;
        }
    }
    if (target.fail_if_missing) {
        const bool found = std::any_of(history.begin(), history.end(), [&](const migration_info& i) { return i.version() == target.version; }) ||
                           std::any_of(resolved_versioned.begin(), resolved_versioned.end(), [&](const auto& kv) { return kv.first.first == *target.version; });
        if (!found)
            throw error(error_code::configuration,
                        "No migration with a target version " + target.version->text() +
                            " could be found. Ensure target is specified correctly and the migration exists.");
    }

    infos_.reserve(before.size() + history.size() + ignored.size() + after_versioned.size() + after_repeatable.size());
    infos_.insert(infos_.end(), before.begin(), before.end());
    std::size_t next_ignored = 0;
    for (const migration_info& h : history) {
        while (next_ignored < ignored.size() && h.version() && *ignored[next_ignored].version() < *h.version())
            infos_.push_back(ignored[next_ignored++]);
        infos_.push_back(h);
    }
    while (next_ignored < ignored.size()) infos_.push_back(ignored[next_ignored++]);
    infos_.insert(infos_.end(), after_versioned.begin(), after_versioned.end());
    infos_.insert(infos_.end(), after_repeatable.begin(), after_repeatable.end());
}

std::vector<const migration_info*> migration_info_set::pending() const {
    std::vector<const migration_info*> out;
    // An outdated repeatable re-runs through its own pending entry (the file, without a row).
    for (const migration_info& i : infos_)
        if (i.state == migration_state::pending && i.applied == nullptr) out.push_back(&i);
    return out;
}

const migration_info* migration_info_set::current() const {
    const migration_info* best = nullptr;
    for (const migration_info& i : infos_) {
        if (i.applied == nullptr || !i.applied->version) continue;
        if (i.state == migration_state::deleted || i.state == migration_state::undone ||
            i.applied->type == "DELETE" || is_undo_type(i.applied->type))
            continue;
        if (best == nullptr || *i.applied->version > *best->applied->version) best = &i;
    }
    if (best != nullptr) return best;
    for (auto it = infos_.rbegin(); it != infos_.rend(); ++it)
        if (it->applied != nullptr && it->applied->type != "SCHEMA") return &*it;
    return nullptr;
}

std::vector<const migration_info*> migration_info_set::failed() const {
    std::vector<const migration_info*> out;
    for (const migration_info& i : infos_)
        if (is_failed(i.state)) out.push_back(&i);
    return out;
}

std::vector<std::string> migration_info_set::validate(const std::vector<ignore_pattern>& ignore) const {
    std::vector<std::string> errors;
    auto ignored_by = [&](const migration_info& i, const char* state) {
        return std::any_of(ignore.begin(), ignore.end(), [&](const ignore_pattern& p) {
            const bool type_ok = p.type == "*" || (p.type == "versioned") == i.is_versioned();
            return type_ok && (p.state == "*" || p.state == state);
        });
    };
    for (const migration_info& i : infos_) {
        const migration_state s = i.state;
        if (s == migration_state::undone || s == migration_state::above_target || s == migration_state::deleted) continue;
        if (std::any_of(ignore.begin(), ignore.end(), [&](const ignore_pattern& p) { return p.matches(i); })) continue;
        const std::string v = i.version() ? i.version()->text() : std::string{};
        const std::string d = i.description();
        if (is_failed(s)) {
            if (s == migration_state::future_failed && ignored_by(i, "future")) continue;
            errors.push_back(i.version() ? "Detected failed migration to version " + v + " (" + d + ").\nPlease remove any half-completed changes then run repair to fix the schema history."
                                         : "Detected failed repeatable migration: " + d + ".\nPlease remove any half-completed changes then run repair to fix the schema history.");
            continue;
        }
        if (s == migration_state::missing_success || s == migration_state::future_success) {
            errors.push_back("Detected applied migration not resolved locally: " + (i.version() ? v : d) +
                             ".\nIf you removed this migration intentionally, run repair to mark the migration as deleted.");
            continue;
        }
        if (s == migration_state::ignored) {
            errors.push_back(i.version() ? "Detected resolved migration not applied to database: " + v + ".\nTo ignore this migration, set -ignoreMigrationPatterns='*:ignored'. To allow executing this migration, set -outOfOrder=true."
                                         : "Detected resolved repeatable migration not applied to database: " + d + ".\nTo ignore this migration, set -ignoreMigrationPatterns='*:ignored'.");
            continue;
        }
        if (s == migration_state::pending) {
            errors.push_back(i.version() ? "Detected resolved migration not applied to database: " + v + ".\nTo fix this error, either run migrate, or set -ignoreMigrationPatterns='*:pending'."
                                         : "Detected resolved repeatable migration not applied to database: " + d + ".\nTo fix this error, either run migrate, or set -ignoreMigrationPatterns='*:pending'.");
            continue;
        }
        if (s == migration_state::outdated) {
            if (ignored_by(i, "pending")) continue;  // migrate re-applies it
            errors.push_back("Detected outdated resolved repeatable migration that should be re-applied to database: " + d +
                             ".\nRun migrate to execute this migration.");
            continue;
        }
        if (i.resolved == nullptr || i.applied == nullptr || is_synthetic_type(i.applied->type)) continue;
        if (s != migration_state::success && s != migration_state::out_of_order) continue;
        if (i.applied->version && applied_baseline_ && !(*i.applied->version > *applied_baseline_)) continue;
        const std::string id = i.applied->version ? "version " + i.applied->version->text() : i.applied->script;
        auto mismatch = [&](const char* what, const std::string& applied_value, const std::string& resolved_value) {
            errors.push_back(std::string("Migration ") + what + " mismatch for migration " + id +
                             "\n-> Applied to database : " + applied_value +
                             "\n-> Resolved locally    : " + resolved_value +
                             "\nEither revert the changes to the migration, or run repair to update the schema history.");
        };
        auto text = [](const std::optional<std::int32_t>& c) { return c ? std::to_string(*c) : std::string("null"); };
        if (i.resolved->type != i.applied->type) mismatch("type", i.applied->type, i.resolved->type);
        else if (i.applied->version && !checksum_matches(*i.resolved, i.applied->checksum))
            mismatch("checksum", text(i.applied->checksum), text(i.resolved->checksum));
        else if (i.resolved->description != i.applied->description)
            mismatch("description", i.applied->description, i.resolved->description);
    }
    return errors;
}

}  // namespace jetway::core
