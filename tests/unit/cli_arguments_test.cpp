// SPDX-License-Identifier: Apache-2.0
// Flyway's argument grammar (spec §1.1).
#include <jetway/core/error.hpp>

#include <gtest/gtest.h>

#include "cli_arguments.hpp"

using jetway::cli::parse_arguments;

TEST(CliArguments, CommandsSettingsAndFlagsInAnyOrder) {
    const auto args =
        parse_arguments({"-url=jdbc:sqlite:a.db", "clean", "", "migrate", "-X",
                         "-placeholders.x=", "info", "-q", "-user=a=b"});
    EXPECT_EQ(args.commands, (std::vector<std::string>{"clean", "migrate", "info"}));
    ASSERT_EQ(args.settings.size(), 3u);
    EXPECT_EQ(args.settings[0].key, "url");
    EXPECT_EQ(args.settings[0].value, "jdbc:sqlite:a.db");
    EXPECT_EQ(args.settings[1].key, "placeholders.x");
    EXPECT_EQ(args.settings[1].value, "");
    EXPECT_EQ(args.settings[2].value, "a=b") << "everything after the first '=' is the value";
    EXPECT_TRUE(args.debug);
    EXPECT_TRUE(args.quiet);
}

TEST(CliArguments, VersionAndHelpFlags) {
    EXPECT_TRUE(parse_arguments({"-v"}).version);
    EXPECT_TRUE(parse_arguments({"--version"}).version);
    EXPECT_TRUE(parse_arguments({"-?"}).help);
    EXPECT_TRUE(parse_arguments({"-h"}).help);
    EXPECT_TRUE(parse_arguments({"--help"}).help);
}

TEST(CliArguments, InvalidFlagUsesFlywaysWording) {
    try {
        parse_arguments({"-nonsense"});
        FAIL();
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()), "Invalid flag: -nonsense");
    }
    try {
        parse_arguments({"-url", "=", "x"});
        FAIL();
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "Invalid configuration argument: -url. Please check you have not included any "
                  "spaces in your configuration argument.");
    }
    try {
        parse_arguments({"-locations", ".sql"});
        FAIL();
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "Invalid flag: -locations\nShell may cause input parameters containing periods "
                  "(.) to be misinterpreted - do you need to wrap your parameter in double quotes?");
    }
}
