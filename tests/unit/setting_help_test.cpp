// SPDX-License-Identifier: Apache-2.0
// Every setting Jetway acts on is in some command's help, and only under names it reads.
#include <gtest/gtest.h>

#include "config/setting_table.hpp"
#include "setting_help.hpp"

#include <algorithm>

namespace {

bool has_help(const std::string& name) {
    const auto helps = jetway::cli::setting_helps();
    return std::any_of(helps.begin(), helps.end(), [&](const jetway::cli::setting_help& h) { return h.name == name; });
}

TEST(SettingHelp, EverySettingJetwayActsOnIsDescribed) {
    for (const std::string& name : jetway::core::honoured_setting_names()) {
        if (name == "migrationResolvers") continue;  // Flyway's other name for resolvers
        EXPECT_TRUE(has_help(name)) << name << " has no line in any command's help";
    }
}

TEST(SettingHelp, EveryDescribedSettingIsOneJetwayReads) {
    const auto& known = jetway::core::known_setting_names();
    for (const auto& help : jetway::cli::setting_helps()) {
        const std::string name(help.name);
        if (name.find('<') != std::string::npos) continue;  // a family: placeholders.<name> ...
        if (name == "configFiles" || name == "workingDirectory") continue;  // read before the files
        EXPECT_NE(std::find(known.begin(), known.end(), name), known.end()) << name;
        EXPECT_NE(help.scopes, 0u) << name << " is in no command's help";
    }
}

}  // namespace
