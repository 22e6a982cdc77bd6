// SPDX-License-Identifier: Apache-2.0
// libjetway loaded with dlopen, used, closed: afterwards nothing of it is mapped (the library
// and the driver plugins it loaded), and no thread it started is left. A program of its own: it
// must not link the library it unloads.
#include <gtest/gtest.h>

#include <dirent.h>
#include <dlfcn.h>

#include <fstream>
#include <string>

#include "test_support.hpp"

#include "../../tools/libjetway/include/jetway/jetway.h"

namespace jetway::test {
namespace {

int thread_count() {
    int n = 0;
    DIR* dir = ::opendir("/proc/self/task");
    while (dirent* entry = ::readdir(dir))
        if (entry->d_name[0] != '.') ++n;
    ::closedir(dir);
    return n;
}

bool mapped(const std::string& part) {
    std::ifstream maps("/proc/self/maps");
    for (std::string line; std::getline(maps, line);)
        if (line.find(part) != std::string::npos) return true;
    return false;
}

template <class F>
F symbol(void* library, const char* name) {
    void* found = ::dlsym(library, name);
    EXPECT_NE(found, nullptr) << name;
    return reinterpret_cast<F>(found);
}

TEST(LibraryUnload, NothingIsLeftMappedOrRunningAfterDlclose) {
    scratch_dir dir;
    write_file(dir / "sql/V1__t.sql", "CREATE TABLE t (x INT);\n");
    const std::string library_path = std::string(JW_TEST_BUILD_DIR) + "/lib/libjetway.so.1";
    const int threads_before = thread_count();
    ASSERT_FALSE(mapped("libjetway.so"));

    void* library = ::dlopen(library_path.c_str(), RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(library, nullptr) << ::dlerror();
    {
        auto options_init = symbol<void (*)(jetway_options*)>(library, "jetway_options_init");
        auto engine_new = symbol<jetway_engine* (*)(const jetway_options*, jetway_result**)>(library, "jetway_engine_new");
        auto run = symbol<jetway_result* (*)(jetway_engine*, const char*)>(library, "jetway_run");
        auto success = symbol<int (*)(const jetway_result*)>(library, "jetway_result_success");
        auto result_free = symbol<void (*)(jetway_result*)>(library, "jetway_result_free");
        auto engine_free = symbol<void (*)(jetway_engine*)>(library, "jetway_engine_free");
        const std::string url = "jdbc:sqlite:" + (dir / "app.db").string();
        const std::string locations = "filesystem:" + (dir / "sql").string();
        const char* settings[] = {"url", url.c_str(), "locations", locations.c_str()};
        jetway_options options;
        options_init(&options);
        options.settings = settings;
        options.setting_count = 2;
        jetway_result* failure = nullptr;
        jetway_engine* engine = engine_new(&options, &failure);
        ASSERT_NE(engine, nullptr);
        jetway_result* result = run(engine, "migrate");
        EXPECT_EQ(success(result), 1);
        result_free(result);
        EXPECT_TRUE(mapped("libjw_driver_sqlite.so"));
        engine_free(engine);
    }
    ASSERT_EQ(::dlclose(library), 0) << ::dlerror();

    EXPECT_EQ(::dlopen(library_path.c_str(), RTLD_NOW | RTLD_NOLOAD), nullptr) << "libjetway is still loaded";
    EXPECT_FALSE(mapped("libjetway.so")) << "libjetway is still mapped";
    EXPECT_FALSE(mapped("libjw_driver_sqlite.so")) << "the driver plugin outlived the library";
    EXPECT_EQ(thread_count(), threads_before);
}

}  // namespace
}  // namespace jetway::test
