// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/callback_event.hpp>

#include <algorithm>

namespace jetway::core {

const std::vector<std::string>& callback_event_ids() {
    static const std::vector<std::string> ids = {
        "beforeConnect", "afterConnect",
        "beforeMigrate", "beforeEachMigrate", "beforeEachMigrateStatement",
        "afterEachMigrateStatement", "afterEachMigrateStatementError", "afterEachMigrate",
        "afterEachMigrateError", "afterVersioned", "beforeRepeatables", "afterMigrateApplied",
        "afterMigrate", "afterMigrateError",
        "beforeValidate", "afterValidate", "afterValidateError",
        "beforeClean", "afterClean", "afterCleanError",
        "beforeBaseline", "afterBaseline", "afterBaselineError",
        "beforeRepair", "afterRepair", "afterRepairError",
        "beforeInfo", "afterInfo", "afterInfoError",
        "createSchema", "beforeCreateSchema",
        "afterMigrateOperationFinish", "afterInfoOperationFinish",
        "beforeUndo", "beforeEachUndo", "beforeEachUndoStatement", "afterEachUndoStatement",
        "afterEachUndoStatementError", "afterEachUndo", "afterEachUndoError", "afterUndo",
        "afterUndoError",
    };
    return ids;
}

bool is_callback_event(std::string_view id) {
    const auto& ids = callback_event_ids();
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace jetway::core
