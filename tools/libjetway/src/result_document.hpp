// SPDX-License-Identifier: Apache-2.0
// jetway_result: the JSON document of a run and the fields the typed accessors read from it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

struct jetway_result {
    std::string json;
    int success = 0;
    int exit_code = 1;
    long long migrations_executed = 0;
    std::string initial_version;
    std::string target_version;
    bool failed = false;
    std::string error_code;
    std::string error_message;
};

namespace jetway::library {

/// The result of a run from the document it printed and the exit code it would have given.
jetway_result* make_result(const nlohmann::ordered_json& document, int exit_code);

}  // namespace jetway::library
