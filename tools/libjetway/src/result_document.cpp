// SPDX-License-Identifier: Apache-2.0
#include "result_document.hpp"

#include <vector>

namespace jetway::library {
namespace {

std::string text_of(const nlohmann::ordered_json& value) {
    return value.is_string() ? value.get<std::string>() : std::string();
}

// One document per command: several commands nest theirs under individualResults.
std::vector<const nlohmann::ordered_json*> command_documents(const nlohmann::ordered_json& document) {
    std::vector<const nlohmann::ordered_json*> each;
    if (const auto nested = document.find("individualResults"); nested != document.end() && nested->is_array())
        for (const auto& item : *nested) each.push_back(&item);
    else each.push_back(&document);
    return each;
}

}  // namespace

jetway_result* make_result(const nlohmann::ordered_json& document, int exit_code) {
    auto* result = new jetway_result();
    result->json = document.dump(2);
    result->exit_code = exit_code;
    result->success = exit_code == 0 ? 1 : 0;
    bool initial_known = false;
    for (const nlohmann::ordered_json* one : command_documents(document)) {
        if (const auto n = one->find("migrationsExecuted"); n != one->end() && n->is_number_integer())
            result->migrations_executed += n->get<long long>();
        // migrate names both versions; info only the current one.
        const auto before = one->find("initialSchemaVersion");
        const auto after = one->find("targetSchemaVersion");
        const auto current = one->find("schemaVersion");
        if (!initial_known && (before != one->end() || current != one->end())) {
            result->initial_version = text_of(before != one->end() ? *before : *current);
            initial_known = true;
        }
        if (after != one->end()) result->target_version = text_of(*after);
        else if (current != one->end()) result->target_version = text_of(*current);
        if (const auto error = one->find("error"); error != one->end() && error->is_object()) {
            result->failed = true;
            result->error_code = text_of(error->value("errorCode", nlohmann::ordered_json()));
            result->error_message = text_of(error->value("message", nlohmann::ordered_json()));
        }
    }
    if (!result->success && !result->failed) {
        // The run ended well but found what it looked for: check -drift's drift.
        result->failed = true;
        result->error_code = "DRIFT";
        result->error_message = "Drift: the database differs from what its migrations build";
    }
    return result;
}

}  // namespace jetway::library
