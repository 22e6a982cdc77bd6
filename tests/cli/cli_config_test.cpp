// SPDX-License-Identifier: Apache-2.0
// Configuration through the real binary (spec §10): files in a scratch home and working
// directory, variables and arguments, seen through -X's effective-configuration lines.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace fs = std::filesystem;
using jetway::test::run_process;
using jetway::test::write_file;

namespace {

class CliConfig : public ::testing::Test {
 protected:
    jetway::test::process_result jetway(std::vector<std::string> args, std::vector<std::string> env = {}) {
        args.insert(args.begin(), std::string(JW_TEST_BUILD_DIR) + "/bin/jetway");
        env.push_back("HOME=" + (scratch_ / "home").string());
        return run_process(args, env, scratch_ / "work");
    }
    void SetUp() override {
        fs::create_directories(scratch_ / "home");
        fs::create_directories(scratch_ / "work");
    }
    jetway::test::scratch_dir scratch_;
};

TEST_F(CliConfig, EffectiveConfigurationNamesEachSource) {
    write_file(scratch_ / "home" / "flyway.conf", "flyway.table=from_home\nflyway.baselineVersion=1\n");
    write_file(scratch_ / "work" / "flyway.conf", "flyway.baselineVersion=2\nflyway.url=jdbc:sqlite:" + (scratch_ / "x.db").string() + "\n");
    const auto r = jetway({"-X", "-schemas=main", "info"}, {"FLYWAY_LOCK_RETRY_COUNT=7"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("DEBUG: Configuration: table = from_home (file " + (scratch_ / "home" / "flyway.conf").string() + ":1)"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("DEBUG: Configuration: baselineVersion = 2 (file " + (scratch_ / "work" / "flyway.conf").string() + ":1)"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("DEBUG: Configuration: lockRetryCount = 7 (environment variable FLYWAY_LOCK_RETRY_COUNT)"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("DEBUG: Configuration: schemas = main (argument -schemas)"), std::string::npos) << r.err;
}

TEST_F(CliConfig, UnknownKeyIsOneClearErrorAndExitOne) {
    write_file(scratch_ / "work" / "flyway.conf", "flyway.urll=jdbc:sqlite:x.db\n");
    const auto r = jetway({"info"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "ERROR: Unknown configuration property: flyway.urll. Please check your conf files or commandline "
                     "parameters\nSet by file " + (scratch_ / "work" / "flyway.conf").string() + ":1. Did you mean 'flyway.url'?\n");
}

TEST_F(CliConfig, BadBooleanIsOneClearErrorAndExitOne) {
    const auto r = jetway({"-cleanDisabled=nope", "info"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "ERROR: Invalid value for flyway.cleanDisabled (should be either true or false): nope (set by argument -cleanDisabled)\n");
}

TEST_F(CliConfig, TomlSyntaxErrorIsOneClearErrorAndExitOne) {
    write_file(scratch_ / "work" / "flyway.toml", "[flyway]\nlocations = [\"sql\"\n");
    const auto r = jetway({"info"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.rfind("ERROR: Error parsing config file " + (scratch_ / "work" / "flyway.toml").string() + " at [line ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(CliConfig, TomlProjectAsFlywayUsersWriteIt) {
    write_file(scratch_ / "work" / "flyway.toml",
               "[environments.default]\nurl = \"jdbc:sqlite:" + (scratch_ / "t.db").string() + "\"\n\n"
               "[flyway]\nlocations = [\"filesystem:migrations\"]\n\n[flyway.placeholders]\ntable = \"people\"\n");
    write_file(scratch_ / "work" / "migrations" / "V1__people.sql", "CREATE TABLE ${table} (id INT);");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("Successfully applied 1 migration to schema \"main\", now at version v1"), std::string::npos) << r.err;
}

TEST_F(CliConfig, ConfigFileFromStandardInputAndEnvironmentVariables) {
    write_file(scratch_ / "work" / "sql" / "V1__a.sql", "CREATE TABLE a (x INT);");
    const auto r = jetway({"-configFiles=" + (scratch_ / "extra.conf").string(), "migrate"},
                          {"FLYWAY_URL=jdbc:sqlite:" + (scratch_ / "env.db").string(), "FLYWAY_LOCATIONS=filesystem:sql"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "ERROR: Unable to load config file: " + (scratch_ / "extra.conf").string() + "\n");
    write_file(scratch_ / "extra.conf", "flyway.installedBy=ci-bot\n");
    const auto ok = jetway({"-configFiles=" + (scratch_ / "extra.conf").string(), "migrate"},
                           {"FLYWAY_URL=jdbc:sqlite:" + (scratch_ / "env.db").string(), "FLYWAY_LOCATIONS=filesystem:sql"});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_TRUE(fs::exists(scratch_ / "env.db"));
}

}  // namespace
