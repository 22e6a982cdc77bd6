// SPDX-License-Identifier: Apache-2.0
// Nothing made by a plugin may outlive its library: the library stays mapped while a connection
// or a result from it lives, even after the registry that loaded it is gone, and is unloaded
// once the last of them is destroyed. Runs under valgrind (see CMakeLists.txt).
#include <jetway/core/database_connection.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <dlfcn.h>
#include <gtest/gtest.h>

namespace fs = std::filesystem;

namespace {

const fs::path stub = fs::path(JW_TEST_STUBS_DIR) / "libjw_driver_stubok.so";

bool is_loaded(const fs::path& file) {
    void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (handle == nullptr) return false;
    ::dlclose(handle);  // RTLD_NOLOAD still took a reference
    return true;
}

TEST(PluginLifetime, LibraryOutlivesRegistryWhileObjectsLive) {
    ASSERT_FALSE(is_loaded(stub));
    std::unique_ptr<jetway::core::database_connection> connection;
    std::optional<jetway::core::row_cursor> rows;
    {
        jetway::core::plugin_registry registry({{stub.parent_path(), "stubs"}});
        connection = std::make_unique<jetway::core::database_connection>(
            registry.driver_for_scheme("stubok", "stubok:x"), "stubok:x",
            std::map<std::string, std::string>{});
        rows.emplace(connection->query("SELECT 1"));
        EXPECT_TRUE(is_loaded(stub));
    }
    // The registry is gone; the connection and the result still hold the library.
    EXPECT_TRUE(is_loaded(stub));
    connection.reset();
    EXPECT_TRUE(is_loaded(stub)) << "the open result still needs the plugin's code";
    ASSERT_TRUE(rows->next());
    EXPECT_EQ(rows->value(0), "SELECT 1 (1 open)");
    rows.reset();
    EXPECT_FALSE(is_loaded(stub)) << "the last object is gone, so is the library";
}

}  // namespace
