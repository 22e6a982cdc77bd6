// SPDX-License-Identifier: Apache-2.0
// The loader against real plugin files: every way a plugin can be refused, with the exact
// message a user sees, and proof that a broken plugin never disturbs a run that does not need it.
#include <jetway/core/database_connection.hpp>
#include <jetway/core/error.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace fs = std::filesystem;
using jetway::core::error;
using jetway::core::plugin_registry;

namespace {

const fs::path stubs_dir = JW_TEST_STUBS_DIR;

std::string stub_file(const std::string& stub) { return "libjw_driver_stub" + stub + ".so"; }

class PluginRegistry : public ::testing::Test {
 protected:
    // A plugin directory holding copies of the named stubs.
    fs::path jars_with(const std::vector<std::string>& stubs) {
        const fs::path dir = scratch_.path() / "jars";
        fs::create_directories(dir);
        for (const auto& stub : stubs) fs::copy_file(stubs_dir / stub_file(stub), dir / stub_file(stub));
        return dir;
    }
    plugin_registry registry_for(const fs::path& dir) {
        return plugin_registry({{dir, "test plugins"}});
    }
    // The message of the error `body` throws, and its code.
    template <class Body>
    std::pair<std::string, jetway::core::error_code> error_of(Body&& body) {
        try {
            body();
        } catch (const error& e) {
            return {e.what(), e.code()};
        }
        ADD_FAILURE() << "no error was thrown";
        return {};
    }

    jetway::test::scratch_dir scratch_;
};

TEST_F(PluginRegistry, LoadsWellFormedDriverByEachOfItsSchemes) {
    auto registry = registry_for(jars_with({"ok"}));
    auto library = registry.driver_for_scheme("stubok", "stubok:x");
    EXPECT_EQ(library->name(), "stubok");
    EXPECT_EQ(library->version(), "1.2.3");
    EXPECT_EQ(registry.driver_for_scheme("stubalias", "stubalias:x"), library)
        << "an alias must reach the same loaded library";

    jetway::core::database_connection connection(library, "stubok:x", {});
    auto rows = connection.query("SELECT 1");
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.column_name(0), "echo");
    EXPECT_EQ(rows.value(0), "SELECT 1 (1 open)");
    EXPECT_FALSE(rows.next());
    EXPECT_EQ(connection.server_version(), "Stub 1.0");
}

TEST_F(PluginRegistry, ReadsMetadataWithoutLoading) {
    // api_major_2's entry point traps: listing it must not run any of its code.
    auto registry = registry_for(jars_with({"ok", "api_major_2"}));
    ASSERT_EQ(registry.candidates().size(), 2u);
    const auto& refused = registry.candidates()[0];
    ASSERT_TRUE(refused.metadata.has_value());
    EXPECT_EQ(refused.metadata->name, "stubapi_major_2");
    EXPECT_EQ(refused.metadata->kind, "driver");
    EXPECT_EQ(refused.metadata->api_major, 2u);
    EXPECT_EQ(refused.metadata->schemes, std::vector<std::string>{"stubmajor"});
    const auto& ok = registry.candidates()[1];
    ASSERT_TRUE(ok.metadata.has_value());
    EXPECT_EQ(ok.metadata->version, "1.2.3");
    EXPECT_EQ(ok.metadata->schemes, (std::vector<std::string>{"stubalias", "stubok"}));
    EXPECT_EQ(ok.refusal, "");
}

TEST_F(PluginRegistry, StrippedPluginStillDescribesItselfAndLoads) {
    // Distributions strip binaries; the metadata lives in the dynamic symbol table, which stays.
    const fs::path dir = jars_with({"ok"});
    const auto strip = jetway::test::run_process({"/usr/bin/strip", (dir / stub_file("ok")).string()});
    ASSERT_EQ(strip.exit_code, 0) << strip.err;
    auto registry = registry_for(dir);
    EXPECT_EQ(registry.driver_for_scheme("stubok", "u")->version(), "1.2.3");
}

TEST_F(PluginRegistry, UnknownSchemeNamesSchemeAvailableSchemesAndSearchedDirectories) {
    const fs::path dir = jars_with({"ok"});
    plugin_registry registry({{dir, "test plugins"}, {scratch_.path() / "nowhere", "from jarDirs"}});
    const auto [message, code] =
        error_of([&] { registry.driver_for_scheme("oracle", "oracle://u:***@db/x"); });
    EXPECT_EQ(code, jetway::core::error_code::plugin_not_found);
    EXPECT_EQ(message, "no driver plugin handles URL scheme 'oracle' (url: oracle://u:***@db/x)\n"
                       "  available schemes: stubok 1.2.3 [stubalias, stubok]\n"
                       "  searched: " + dir.string() + " (test plugins); " +
                           (scratch_.path() / "nowhere").string() +
                           " (from jarDirs, does not exist)");
}

TEST_F(PluginRegistry, RefusesOtherMajorApiBeforeLoading) {
    const fs::path dir = jars_with({"api_major_2"});
    auto registry = registry_for(dir);
    const auto [message, code] = error_of([&] { registry.driver_for_scheme("stubmajor", "u"); });
    EXPECT_EQ(code, jetway::core::error_code::plugin_incompatible);
    EXPECT_EQ(message, "cannot use plugin " + (dir / stub_file("api_major_2")).string() +
                           ": built for plugin API 2.0; this jetway " JETWAY_VERSION
                           " supports plugin API 1.0-1.11. Rebuild the plugin against the jetway SDK "
                           "1.x or use a jetway that supports it");
}

TEST_F(PluginRegistry, RefusesNewerMinorApiBeforeLoading) {
    const fs::path dir = jars_with({"api_minor_future"});
    auto registry = registry_for(dir);
    const auto [message, code] = error_of([&] { registry.driver_for_scheme("stubminor", "u"); });
    EXPECT_EQ(message, "cannot use plugin " + (dir / stub_file("api_minor_future")).string() +
                           ": built for plugin API 1.99; this jetway " JETWAY_VERSION
                           " supports plugin API 1.0-1.11. Rebuild the plugin against the jetway SDK "
                           "1.x or use a jetway that supports it");
}

TEST_F(PluginRegistry, ChecksApiVersionAgainAfterInit) {
    const fs::path dir = jars_with({"init_api_lie"});
    auto registry = registry_for(dir);
    const auto [message, code] = error_of([&] { registry.driver_for_scheme("stublie", "u"); });
    EXPECT_EQ(code, jetway::core::error_code::plugin_incompatible);
    EXPECT_EQ(message, "cannot use plugin " + (dir / stub_file("init_api_lie")).string() +
                           ": built for plugin API 2.0; this jetway " JETWAY_VERSION
                           " supports plugin API 1.0-1.11. Rebuild the plugin against the jetway SDK "
                           "1.x or use a jetway that supports it");
}

TEST_F(PluginRegistry, ForeignFilesAreRefusedWithReason) {
    const fs::path dir = jars_with({});
    fs::copy_file("/bin/ls", dir / "libjw_driver_fake.so");
    jetway::test::write_file(dir / "libjw_driver_text.so", "not a library\n");
    jetway::test::write_file(dir / "README.md", "ignored: not a library file name\n");
    auto registry = registry_for(dir);
    auto reports = registry.load_all();
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_EQ(reports[0].file, dir / "libjw_driver_fake.so");
    EXPECT_EQ(reports[0].status, "not a Jetway plugin: it has no 'jetway' metadata section");
    EXPECT_EQ(reports[1].status, "not a Jetway plugin: not a shared library");
}

TEST_F(PluginRegistry, EntryPointMissing) {
    const fs::path dir = jars_with({"missing_entry"});
    auto registry = registry_for(dir);
    const auto [message, code] = error_of([&] { registry.driver_for_scheme("stubnoentry", "u"); });
    EXPECT_EQ(code, jetway::core::error_code::plugin_load_failed);
    EXPECT_EQ(message, "cannot load plugin " + (dir / stub_file("missing_entry")).string() +
                           ": it exports no jw_plugin_init");
}

TEST_F(PluginRegistry, InitReportingAnErrorIsRefusedWithPluginsMessage) {
    const fs::path dir = jars_with({"init_fails"});
    auto registry = registry_for(dir);
    const auto [message, code] = error_of([&] { registry.driver_for_scheme("stubfails", "u"); });
    EXPECT_EQ(code, jetway::core::error_code::plugin_init_failed);
    EXPECT_EQ(message, "plugin 'stubinit_fails' (" + (dir / stub_file("init_fails")).string() +
                           ") failed to initialise: client library version 0.9 is too old");
}

TEST_F(PluginRegistry, InitThrowingIsRefusedNotACrash) {
    const fs::path dir = jars_with({"init_throws"});
    auto registry = registry_for(dir);
    const auto [message, code] = error_of([&] { registry.driver_for_scheme("stubthrows", "u"); });
    EXPECT_EQ(code, jetway::core::error_code::plugin_init_failed);
    EXPECT_EQ(message, "plugin 'stubinit_throws' (" + (dir / stub_file("init_throws")).string() +
                           ") failed to initialise: its entry point threw an exception (plugins "
                           "must report errors through jw_error)");
}

TEST_F(PluginRegistry, MissingRequiredFunctionIsRefused) {
    const fs::path dir = jars_with({"missing_function"});
    auto registry = registry_for(dir);
    const auto [message, code] = error_of([&] { registry.driver_for_scheme("stubnoexec", "u"); });
    EXPECT_EQ(message, "plugin 'stubmissing_function' (" +
                           (dir / stub_file("missing_function")).string() +
                           ") does not implement required function driver.execute");
}

TEST_F(PluginRegistry, MissingDependencyNamesTheLibrary) {
    const fs::path dir = jars_with({"needs_missing_dep"});
    auto registry = registry_for(dir);
    const auto [message, code] = error_of([&] { registry.driver_for_scheme("stubdep", "u"); });
    EXPECT_EQ(code, jetway::core::error_code::plugin_load_failed);
    EXPECT_EQ(message, "cannot load plugin " + (dir / stub_file("needs_missing_dep")).string() +
                           ": libjw_test_dependency.so: cannot open shared object file: No such "
                           "file or directory");
}

TEST_F(PluginRegistry, BrokenPluginsDoNotDisturbARunThatNeedsAnother) {
    const fs::path dir = jars_with({"api_major_2", "api_minor_future", "init_api_lie",
                                    "missing_entry", "init_fails", "init_throws",
                                    "missing_function", "needs_missing_dep", "ok"});
    fs::copy_file("/bin/ls", dir / "libjw_driver_fake.so");
    auto registry = registry_for(dir);
    auto library = registry.driver_for_scheme("stubok", "stubok:x");
    jetway::core::database_connection connection(library, "stubok:x", {});
    EXPECT_EQ(connection.current_schema(), "stub");

    // And `jetway plugins` sees each for what it is.
    int ok = 0;
    for (const auto& report : registry.load_all()) ok += report.status == "ok" ? 1 : 0;
    EXPECT_EQ(ok, 1);
}

TEST_F(PluginRegistry, PluginSqlErrorKeepsSqlstateAndVendorCode) {
    auto registry = registry_for(jars_with({"ok"}));
    jetway::core::database_connection connection(registry.driver_for_scheme("stubok", "u"), "u", {});
    try {
        connection.execute("fail");
        FAIL() << "no error";
    } catch (const error& e) {
        EXPECT_EQ(std::string(e.what()), "stub failure");
        EXPECT_EQ(e.sqlstate(), "42000");
        EXPECT_EQ(e.vendor_code(), 7);
        EXPECT_EQ(e.code(), jetway::core::error_code::sql_failed);
    }
}

}  // namespace
