// SPDX-License-Identifier: Apache-2.0
// The jetway binary as a user runs it, from a relocated install tree (bin/jetway + jars/), so
// that plugins are found relative to the executable and tests can change jars/ freely.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using jetway::test::run_process;
using ::testing::MatchesRegex;

namespace {

// The first line of `text` that contains `needle`, or "" when none does.
std::string line_with(const std::string& text, const std::string& needle) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        if (line.find(needle) != std::string::npos) return line;
        start = end + 1;
    }
    return {};
}

class CliShell : public ::testing::Test {
 protected:
    void SetUp() override { jetway::test::make_install_tree(root()); }
    fs::path root() const { return scratch_.path() / "jetway"; }
    jetway::test::process_result jetway(std::vector<std::string> args) {
        args.insert(args.begin(), (root() / "bin" / "jetway").string());
        // Run from elsewhere: the working directory must not matter for finding jars/.
        return run_process(args, {}, scratch_.path());
    }
    jetway::test::scratch_dir scratch_;
};

TEST_F(CliShell, PluginsListsSqliteDriverOk) {
    const auto r = jetway({"plugins"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string jar = (root() / "jars" / "libjw_driver_sqlite.so").string();
    EXPECT_EQ(line_with(r.out, jar),
              "| " + jar + " | driver | sqlite | 0.1.0   | 1.11 | file, sqlite, sqlite3 | ok     |");
    EXPECT_NE(r.out.find("Searched:\n  " + (root() / "jars").string() +
                         " (the installation's jars directory)\n"),
              std::string::npos)
        << r.out;
}

TEST_F(CliShell, PluginsAsJsonIsOneDocument) {
    const auto r = jetway({"-outputType=json", "plugins"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["operation"], "plugins");
    ASSERT_EQ(doc["plugins"].size(), 1u) << r.out;
    const auto& sqlite = doc["plugins"][0];
    EXPECT_EQ(sqlite["file"], (root() / "jars" / "libjw_driver_sqlite.so").string());
    EXPECT_EQ(sqlite["kind"], "driver");
    EXPECT_EQ(sqlite["name"], "sqlite");
    EXPECT_EQ(sqlite["api"], "1.11");
    EXPECT_EQ(sqlite["schemes"], (nlohmann::json{"file", "sqlite", "sqlite3"}));
    EXPECT_EQ(sqlite["status"], "ok");
    EXPECT_EQ(doc["searched"][0]["path"], (root() / "jars").string());
}

TEST_F(CliShell, ForeignFileInJarsIsRefusedAndChangesNothingElse) {
    const std::string db = "-url=jdbc:sqlite:" + (scratch_ / "app.db").string();
    const auto before = jetway({db, "info"});
    fs::copy_file("/bin/ls", root() / "jars" / "libjw_driver_fake.so");

    const auto plugins = jetway({"plugins"});
    EXPECT_EQ(plugins.exit_code, 0);
    EXPECT_THAT(line_with(plugins.out, "libjw_driver_fake.so"),
                MatchesRegex(R"(\| .*/jars/libjw_driver_fake.so +\| +\| +\| +\| +\| +\| )"
                             R"(not a Jetway plugin: it has no 'jetway' metadata section \|)"));
    EXPECT_THAT(line_with(plugins.out, "libjw_driver_sqlite.so"),
                MatchesRegex(R"(\| .* \| driver \| sqlite \| 0.1.0 +\| 1.11 \| file, sqlite, sqlite3 \| ok +\|)"));

    const auto after = jetway({db, "info"});
    EXPECT_EQ(after.exit_code, before.exit_code);
    EXPECT_EQ(after.out, before.out);
    EXPECT_EQ(after.err, before.err);
}

TEST_F(CliShell, UnknownSchemeNamesItListsSqliteAndTheDirectoriesSearched) {
    const auto r = jetway({"-url=oracle://x", "-jarDirs=extra,/opt/more", "info"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "ERROR: no driver plugin handles URL scheme 'oracle' (url: oracle://x)\n"
                     "  available schemes: sqlite 0.1.0 [file, sqlite, sqlite3]\n"
                     "  searched: " + (root() / "jars").string() +
                         " (the installation's jars directory); " +
                         (scratch_ / "extra").string() +
                         " (from jarDirs, does not exist); /opt/more (from jarDirs, does not "
                         "exist)\n");
}

TEST_F(CliShell, PasswordNeverPrintedInSchemeError) {
    const auto r = jetway({"-url=oracle://scott:t1ger@db/x", "info"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.find("t1ger"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("(url: oracle://scott:***@db/x)"), std::string::npos) << r.err;
}

TEST_F(CliShell, VersionPrintsJetwayApiAndPluginDirectories) {
    const auto r = jetway({"-v"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "Jetway " JETWAY_VERSION "\nPlugin API 1.11 (accepts plugins built for 1.0-1.11)\n"
                     "Plugin directories:\n  " +
                         (root() / "jars").string() + " (the installation's jars directory)\n");
}

TEST_F(CliShell, HelpListsCommandsAndExitsZero) {
    for (const char* flag : {"-?", "-h", "--help", "help"}) {
        const auto r = jetway({flag});
        EXPECT_EQ(r.exit_code, 0) << flag;
        for (const char* command : {"migrate", "info", "validate", "baseline", "repair", "clean",
                                    "undo", "plugins"})
            EXPECT_NE(r.out.find("\n  " + std::string(command) + " "), std::string::npos)
                << flag << " lacks " << command;
    }
}

TEST_F(CliShell, InvalidFlagExitsOne) {
    const auto r = jetway({"-bogus"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "ERROR: Invalid flag: -bogus\n");
}

}  // namespace
