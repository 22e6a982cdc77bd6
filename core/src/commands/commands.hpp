// SPDX-License-Identifier: Apache-2.0
// The commands, one file each; engine.cpp is their façade.
#pragma once

#include <jetway/core/command_results.hpp>

#include "../engine/session.hpp"

namespace jetway::core {

migrate_result run_migrate(session& s);
info_result run_info(session& s);
/// `extra_patterns` are added to ignoreMigrationPatterns (migrate adds *:pending).
validate_result run_validate(session& s, const std::vector<std::string>& extra_patterns, bool quiet_success = false);
/// "Validate failed: Migrations have failed validation\n..." (spec §14.2).
std::string validation_failure_message(const validate_result& result);
baseline_result run_baseline(session& s);
repair_result run_repair(session& s);
clean_result run_clean(session& s);
undo_result run_undo(session& s);
connection_test_result run_test_connection(session& s);
std::vector<catalog_object> run_catalog_objects(session& s);
/// Needs no database: reads the locations and writes the file.
add_result run_add(const configuration& config);

}  // namespace jetway::core
