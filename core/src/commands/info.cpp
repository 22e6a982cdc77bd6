// SPDX-License-Identifier: Apache-2.0
// info (spec §1.4): what is applied, pending and everything in between. Takes no lock, writes
// nothing.
#include <jetway/core/error.hpp>

#include "../callbacks/callback_runner.hpp"
#include "command_support.hpp"
#include "commands.hpp"
#include "../support/text.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <set>

namespace jetway::core {
namespace {

std::string utc_iso(const std::string& stored) {
    if (stored.size() < 19) return stored;
    std::string out = stored;
    out[10] = 'T';
    if (out.back() != 'Z') out += 'Z';
    return out;
}

}  // namespace

// dd/MM/yyyy HH:mm -> "yyyy-MM-dd HH:mm", comparable with the stored installed_on text.
std::string parse_info_date(const std::string& text, const char* option) {
    int d = 0, mo = 0, y = 0, h = -1, mi = -1;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%2d/%2d/%4d %2d:%2d%c", &d, &mo, &y, &h, &mi, &tail) != 5 || mo < 1 || mo > 12 ||
        d < 1 || d > 31 || y < 0 || h < 0 || h > 23 || mi < 0 || mi > 59)
        throw error(error_code::configuration,
                    "'" + text + "' is an invalid value for the " + option +
                        " option. The expected format is 'dd/mm/yyyy hh:mm', like '13/10/2020 16:30'.");
    char out[64];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
    return out;
}

info_result run_info(session& s) {
    const configuration& config = s.config();
    info_result result;
    with_command_events(s, "Info", [&] {
        result.history_exists = s.rows().table_exists();
        if (!result.history_exists)
            spdlog::info("Schema history table {} does not exist yet", s.history().qualified_name());
        const migration_info_set infos = s.refresh({config.target, config.out_of_order, config.cherry_pick});
        const migration_info* current = infos.current();
        if (current && current->version()) result.schema_version = current->version()->text();
        for (const std::string& schema : config.schemas) result.schema_name += (result.schema_name.empty() ? "" : ", ") + schema;
        result.database = s.default_schema();

        // Compare versions, not their spelling: U1_0 undoes V1. Gathered once: a scan per row is
        // quadratic, and 50,000 migrations made info take seconds.
        std::set<migration_version> undo_versions;
        for (const resolved_migration& r : s.resolved().migrations)
            if (r.kind == migration_kind::undo && r.version) undo_versions.insert(*r.version);
        auto has_undo = [&](const migration_version& v) { return undo_versions.count(v) > 0; };

        const auto since = config.info_since_version.empty() ? std::nullopt : std::optional(migration_version::parse(config.info_since_version));
        const auto until = config.info_until_version.empty() ? std::nullopt : std::optional(migration_version::parse(config.info_until_version));
        const std::string since_date = config.info_since_date.empty() ? "" : parse_info_date(config.info_since_date, "infoSinceDate");
        const std::string until_date = config.info_until_date.empty() ? "" : parse_info_date(config.info_until_date, "infoUntilDate");
        std::set<std::string> states;
        for (const std::string& st : config.info_of_state) states.insert(to_upper(st));

        bool all_empty = true;
        for (const std::string& schema : s.schemas()) {
            const auto st = s.connection().inspect_schema(schema);
            if (st.exists && !st.empty) all_empty = false;
        }
        result.all_schemas_empty = all_empty;

        for (const migration_info& i : infos.all()) {
            const auto v = i.version();
            if (since && v && *v < *since) continue;
            if (until && (!v || *v > *until)) continue;
            if (!states.empty() && !states.count(enum_name(i.state))) continue;
            // Dates: rows without an installed_on pass "since" and fail "until" (spec §1.4).
            const std::string on = i.applied ? i.applied->installed_on.substr(0, 16) : "";
            if (!since_date.empty() && i.applied && on < since_date) continue;
            if (!until_date.empty() && (!i.applied || on > until_date)) continue;
            info_item item;
            item.category = i.category();
            item.version = v ? v->text() : "";
            item.raw_version = i.resolved && i.resolved->version ? i.resolved->raw_version : item.version;
            item.description = i.description();
            item.type = i.type();
            item.state = display_name(i.state);
            item.state_enum = enum_name(i.state);
            if (i.applied) {
                item.installed_on = i.applied->installed_on.substr(0, 19);
                item.installed_on_utc = utc_iso(i.applied->installed_on);
                item.installed_by = i.applied->installed_by;
                item.execution_time = i.applied->execution_time;
                item.installed_rank = i.applied->installed_rank;
            }
            item.filepath = i.resolved ? i.resolved->path.string() : "";
            const bool undoable_kind = item.category == "Versioned" && i.state != migration_state::deleted &&
                                       i.state != migration_state::undone;
            item.undoable = undoable_kind ? (v && has_undo(*v) ? "Yes" : "No") : "";
            if (i.type() == "BASELINE") item.undoable = "No";
            result.migrations.push_back(std::move(item));
        }
    });
    return result;
}

}  // namespace jetway::core
