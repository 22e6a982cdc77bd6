// SPDX-License-Identifier: Apache-2.0
#include "library_fixture.hpp"

#include <gtest/gtest.h>

namespace jetway::test {

engine_ptr make_engine(const settings_list& settings, const jetway_options* base) {
    std::vector<const char*> pairs;
    for (const auto& [key, value] : settings) {
        pairs.push_back(key.c_str());
        pairs.push_back(value.c_str());
    }
    jetway_options options;
    if (base != nullptr) options = *base;
    else jetway_options_init(&options);
    options.settings = pairs.data();
    options.setting_count = settings.size();
    jetway_result* failure = nullptr;
    engine_ptr engine(jetway_engine_new(&options, &failure), &jetway_engine_free);
    EXPECT_NE(engine, nullptr) << (failure != nullptr ? jetway_result_json(failure) : "no failure result");
    jetway_result_free(failure);
    return engine;
}

result_ptr run(jetway_engine* engine, const char* commands) {
    result_ptr result(jetway_run(engine, commands), &jetway_result_free);
    EXPECT_NE(result, nullptr);
    return result;
}

nlohmann::json without_timings(nlohmann::json document) {
    if (document.is_object()) {
        for (auto it = document.begin(); it != document.end();) {
            const std::string& key = it.key();
            if (key.find("Time") != std::string::npos || key.find("installedOn") != std::string::npos ||
                key == "timestamp") {
                it = document.erase(it);
            } else {
                *it = without_timings(*it);
                ++it;
            }
        }
    } else if (document.is_array()) {
        for (auto& item : document) item = without_timings(item);
    }
    return document;
}

nlohmann::json cli_document(const settings_list& settings, const std::vector<std::string>& commands) {
    std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-outputType=json"};
    for (const auto& [key, value] : settings) argv.push_back("-" + key + "=" + value);
    argv.insert(argv.end(), commands.begin(), commands.end());
    const process_result cli = run_process(argv);
    return nlohmann::json::parse(cli.out);
}

}  // namespace jetway::test
