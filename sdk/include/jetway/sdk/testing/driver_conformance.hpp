// SPDX-License-Identifier: Apache-2.0
// The driver conformance suite: GoogleTest cases every Jetway driver plugin must pass against its
// own database, run through the C ABI exactly as Jetway calls it. Header-only.
//
// Use: include this header in exactly one .cpp of a test program linked with GTest::gtest_main,
// then run the program with
//   JETWAY_CONFORMANCE_PLUGIN=/path/to/libjw_driver_x.so   the plugin under test
//   JETWAY_CONFORMANCE_URL=<url>   (or JETWAY_CONFORMANCE_URL_FILE=<file holding it>)
//   JETWAY_CONFORMANCE_USER / JETWAY_CONFORMANCE_PASSWORD   optional connect options
// The suite creates and drops its own tables (jw_conformance_*) in the connection's schema.
#pragma once

#include <jetway/plugin_abi.h>

#include <gtest/gtest.h>

#include <dlfcn.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace jetway::sdk::testing {

/// What a failed call reported, copied out before the plugin released it.
struct call_failure {
    jw_status status = JW_OK;
    std::string message;
    std::string sqlstate;
};

/// The plugin under test, loaded once for the whole program.
class driver_under_test {
 public:
    static driver_under_test& get() {
        static driver_under_test instance;
        return instance;
    }

    const std::string& problem() const noexcept { return problem_; }
    const jw_plugin_v1& plugin() const noexcept { return plugin_; }
    const jw_driver_v1& driver() const noexcept { return *plugin_.driver; }
    const std::string& url() const noexcept { return url_; }
    const std::vector<std::pair<std::string, std::string>>& options() const noexcept { return options_; }

 private:
    driver_under_test() {
        const char* path = std::getenv("JETWAY_CONFORMANCE_PLUGIN");
        if (path == nullptr || *path == '\0') {
            problem_ = "set JETWAY_CONFORMANCE_PLUGIN to the driver plugin to test";
            return;
        }
        if (const char* url = std::getenv("JETWAY_CONFORMANCE_URL")) url_ = url;
        if (const char* file = std::getenv("JETWAY_CONFORMANCE_URL_FILE"); url_.empty() && file != nullptr) {
            std::ifstream in(file);
            std::getline(in, url_);
        }
        if (url_.empty()) {
            problem_ = "set JETWAY_CONFORMANCE_URL (or JETWAY_CONFORMANCE_URL_FILE) to the database to test against";
            return;
        }
        if (const char* user = std::getenv("JETWAY_CONFORMANCE_USER")) options_.emplace_back("user", user);
        if (const char* password = std::getenv("JETWAY_CONFORMANCE_PASSWORD")) options_.emplace_back("password", password);

        handle_ = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (handle_ == nullptr) {
            problem_ = std::string("cannot load ") + path + ": " + dlerror();
            return;
        }
        auto init = reinterpret_cast<jw_plugin_init_fn>(dlsym(handle_, JW_PLUGIN_ENTRY_SYMBOL));
        if (init == nullptr) {
            problem_ = std::string(path) + " does not export " JW_PLUGIN_ENTRY_SYMBOL;
            return;
        }
        host_.struct_size = static_cast<std::uint32_t>(offsetof(jw_host_v1, log) + sizeof host_.log);
        host_.api_version = JW_PLUGIN_API_VERSION;
        host_.log = [](void*, std::int32_t level, jw_str message) {
            if (level >= JW_LOG_WARN) std::fprintf(stderr, "plugin: %.*s\n", static_cast<int>(message.size), message.data);
        };
        plugin_.struct_size = sizeof plugin_;
        jw_error err{};
        err.struct_size = sizeof err;
        if (init(&host_, &plugin_, &err) != JW_OK) {
            problem_ = std::string("jw_plugin_init failed: ") + (err.message != nullptr ? err.message : "no message");
            if (err.release != nullptr) err.release(&err);
            return;
        }
        if (JW_API_VERSION_MAJOR(plugin_.api_version) != JW_PLUGIN_API_MAJOR ||
            JW_API_VERSION_MINOR(plugin_.api_version) > JW_PLUGIN_API_MINOR) {
            problem_ = "the plugin was built for another plugin API version";
            return;
        }
        if ((plugin_.kinds & JW_KIND_DRIVER) == 0 || plugin_.driver == nullptr) problem_ = "the plugin offers no driver";
    }
    // The library stays loaded until exit: the suite's static objects may still refer to it.

    void* handle_ = nullptr;
    jw_host_v1 host_{};
    jw_plugin_v1 plugin_{};
    std::string problem_;
    std::string url_;
    std::vector<std::pair<std::string, std::string>> options_;
};

namespace detail {

inline jw_str str(const std::string& s) noexcept { return jw_str{s.data(), s.size()}; }

// Calls `fn(&err)`; on failure copies the error out and releases it.
template <class Fn>
std::optional<call_failure> attempt(Fn&& fn) {
    jw_error err{};
    err.struct_size = sizeof err;
    const jw_status status = fn(&err);
    if (status == JW_OK) return std::nullopt;
    call_failure f{status, err.message != nullptr ? err.message : "", std::string(err.sqlstate)};
    if (err.release != nullptr) err.release(&err);
    return f;
}

inline std::string describe(const std::optional<call_failure>& f) {
    return f ? "status " + std::to_string(f->status) + ": " + f->message : "ok";
}

struct string_result {
    std::string value;
    jw_str_sink sink() noexcept {
        return jw_str_sink{this, [](void* ctx, jw_str s) { static_cast<string_result*>(ctx)->value.assign(s.data, s.size); }};
    }
};

}  // namespace detail

/// One connection to the database under test, closed by its destructor.
class conformance_connection {
 public:
    /// `batch`: connect as Jetway does with batch=true (the "batch" option set to "true").
    explicit conformance_connection(bool batch = false) {
        const driver_under_test& d = driver_under_test::get();
        std::vector<jw_option> options;
        for (const auto& [k, v] : d.options()) options.push_back({detail::str(k), detail::str(v)});
        if (batch) options.push_back({detail::str("batch"), detail::str("true")});
        failure_ = detail::attempt([&](jw_error* e) {
            return d.driver().connect(detail::str(d.url()), options.data(), options.size(), &connection_, e);
        });
    }
    ~conformance_connection() {
        if (connection_ != nullptr) driver().disconnect(connection_);
    }
    conformance_connection(const conformance_connection&) = delete;
    conformance_connection& operator=(const conformance_connection&) = delete;

    const std::optional<call_failure>& connect_failure() const noexcept { return failure_; }
    jw_connection* get() const noexcept { return connection_; }
    const jw_driver_v1& driver() const noexcept { return driver_under_test::get().driver(); }

    std::optional<call_failure> execute(const std::string& sql, std::int64_t* affected = nullptr) {
        std::int64_t ignored = 0;
        return detail::attempt([&](jw_error* e) { return driver().execute(connection_, detail::str(sql), affected ? affected : &ignored, e); });
    }

    /// Rows of `sql` as text, NULL as std::nullopt; a failure as the second member.
    std::pair<std::vector<std::vector<std::optional<std::string>>>, std::optional<call_failure>> query(
        const std::string& sql, const std::vector<jw_value>& params = {}) {
        std::vector<std::vector<std::optional<std::string>>> rows;
        jw_rows* result = nullptr;
        auto failure = detail::attempt([&](jw_error* e) {
            return driver().query(connection_, detail::str(sql), params.data(), params.size(), &result, e);
        });
        if (failure) return {rows, failure};
        const std::uint32_t columns = driver().rows_column_count(result);
        for (;;) {
            std::int32_t has_row = 0;
            failure = detail::attempt([&](jw_error* e) { return driver().rows_next(result, &has_row, e); });
            if (failure || has_row == 0) break;
            std::vector<std::optional<std::string>> row;
            for (std::uint32_t c = 0; c < columns; ++c) {
                jw_str value{};
                if (driver().rows_value(result, c, &value) != 0) row.emplace_back(std::string(value.data, value.size));
                else row.emplace_back(std::nullopt);
            }
            rows.push_back(std::move(row));
        }
        driver().rows_close(result);
        return {rows, failure};
    }

    std::string history_sql(std::int32_t which, const std::string& schema, const std::string& table) {
        detail::string_result out;
        const auto failure = detail::attempt([&](jw_error* e) {
            return driver().history_sql(which, detail::str(schema), detail::str(table), out.sink(), e);
        });
        EXPECT_FALSE(failure) << "history_sql(" << which << "): " << detail::describe(failure);
        return out.value;
    }

    std::string current_schema() {
        detail::string_result out;
        const auto failure = detail::attempt([&](jw_error* e) { return driver().current_schema(connection_, out.sink(), e); });
        EXPECT_FALSE(failure) << "current_schema: " << detail::describe(failure);
        return out.value;
    }

 private:
    jw_connection* connection_ = nullptr;
    std::optional<call_failure> failure_;
};

/// Each test gets a fresh connection and a history table name of its own, dropped afterwards.
class DriverConformance : public ::testing::Test {
 protected:
    void SetUp() override {
        const std::string& problem = driver_under_test::get().problem();
        ASSERT_TRUE(problem.empty()) << problem;
        connection_ = std::make_unique<conformance_connection>();
        ASSERT_FALSE(connection_->connect_failure()) << "connect: " << detail::describe(connection_->connect_failure());
        schema_ = connection_->current_schema();
        ASSERT_FALSE(schema_.empty()) << "current_schema returned nothing";
        // Short enough for every database's identifier limit; unique per process and test without
        // a counter kept in the SDK (the clock moves on between two tests).
        const auto tick = std::chrono::steady_clock::now().time_since_epoch().count();
        table_ = "jw_conformance_" + std::to_string(::getpid()) + "_" + std::to_string(tick);
    }
    void TearDown() override {
        if (!connection_ || connection_->connect_failure() || table_.empty()) return;
        detail::string_result quoted_schema, quoted_table;
        const jw_driver_v1& d = connection_->driver();
        detail::attempt([&](jw_error* e) { return d.quote_identifier(detail::str(schema_), quoted_schema.sink(), e); });
        detail::attempt([&](jw_error* e) { return d.quote_identifier(detail::str(table_), quoted_table.sink(), e); });
        connection_->execute("DROP TABLE IF EXISTS " + quoted_schema.value + "." + quoted_table.value);
    }

    /// Runs the driver's CREATE TABLE for the history table (statements separated by ";\n").
    void create_history_table() {
        const std::string ddl = connection_->history_sql(JW_HISTORY_CREATE_TABLE, schema_, table_);
        ASSERT_FALSE(ddl.empty());
        std::size_t start = 0;
        while (start < ddl.size()) {
            std::size_t end = ddl.find(";\n", start);
            if (end == std::string::npos) end = ddl.size();
            const std::string statement = ddl.substr(start, end - start);
            if (statement.find_first_not_of(" \t\r\n") != std::string::npos) {
                const auto failure = connection_->execute(statement);
                ASSERT_FALSE(failure) << statement << "\n" << detail::describe(failure);
            }
            start = end + 2;
        }
    }

    /// Inserts one history row through JW_HISTORY_INSERT, as Jetway does.
    std::optional<call_failure> insert_row(conformance_connection& c, std::int64_t rank, const char* version,
                                           const std::string& description, std::optional<std::int64_t> checksum, bool success) {
        const std::string sql = c.history_sql(JW_HISTORY_INSERT, schema_, table_);
        const std::string type = "SQL", script = "V" + std::to_string(rank) + "__x.sql", by = "conformance";
        auto text = [](const std::string& s) { return jw_value{JW_VALUE_TEXT, 0, detail::str(s)}; };
        auto integer = [](std::int64_t v) { return jw_value{JW_VALUE_INT64, v, jw_str{}}; };
        const std::string version_text = version != nullptr ? version : "";
        const std::vector<jw_value> params{integer(rank),
                                           version != nullptr ? text(version_text) : jw_value{JW_VALUE_NULL, 0, jw_str{}},
                                           text(description), text(type), text(script),
                                           checksum ? integer(*checksum) : jw_value{JW_VALUE_NULL, 0, jw_str{}},
                                           text(by), integer(7), integer(success ? 1 : 0)};
        return c.query(sql, params).second;
    }

    std::vector<std::vector<std::optional<std::string>>> history_rows(conformance_connection& c) {
        auto [rows, failure] = c.query(c.history_sql(JW_HISTORY_SELECT, schema_, table_),
                                       {jw_value{JW_VALUE_INT64, -1, jw_str{}}});
        EXPECT_FALSE(failure) << "select: " << detail::describe(failure);
        return rows;
    }

    bool history_table_exists(conformance_connection& c) {
        auto [rows, failure] = c.query(c.history_sql(JW_HISTORY_TABLE_EXISTS, schema_, table_));
        EXPECT_FALSE(failure) << "table exists: " << detail::describe(failure);
        return !rows.empty();
    }

    static bool is_true(const std::optional<std::string>& v) {
        return v && (*v == "1" || *v == "t" || *v == "true" || *v == "TRUE");
    }

    std::unique_ptr<conformance_connection> connection_;
    std::string schema_;
    std::string table_;
};

TEST_F(DriverConformance, OffersEveryRequiredFunction) {
    const jw_driver_v1& d = connection_->driver();
    EXPECT_GE(d.struct_size, offsetof(jw_driver_v1, use_schema)) << "the driver table is shorter than API 1.0's";
    for (const auto* fn : {reinterpret_cast<const void*>(d.connect), reinterpret_cast<const void*>(d.disconnect),
                           reinterpret_cast<const void*>(d.execute), reinterpret_cast<const void*>(d.query),
                           reinterpret_cast<const void*>(d.rows_next), reinterpret_cast<const void*>(d.rows_column_count),
                           reinterpret_cast<const void*>(d.rows_column_name), reinterpret_cast<const void*>(d.rows_value),
                           reinterpret_cast<const void*>(d.rows_close), reinterpret_cast<const void*>(d.begin),
                           reinterpret_cast<const void*>(d.commit), reinterpret_cast<const void*>(d.rollback),
                           reinterpret_cast<const void*>(d.history_sql), reinterpret_cast<const void*>(d.current_schema),
                           reinterpret_cast<const void*>(d.server_version), reinterpret_cast<const void*>(d.schema_state),
                           reinterpret_cast<const void*>(d.quote_identifier)})
        EXPECT_NE(fn, nullptr);
    ASSERT_NE(d.dialect, nullptr);
    EXPECT_GE(d.dialect->struct_size, sizeof(std::uint32_t));
    EXPECT_EQ(d.acquire_lock == nullptr, d.release_lock == nullptr) << "acquire_lock and release_lock come together";
    const bool copy_all = d.copy_begin && d.copy_put && d.copy_end, copy_none = !d.copy_begin && !d.copy_put && !d.copy_end;
    EXPECT_TRUE(copy_all || copy_none) << "the three COPY functions come together";
}

TEST_F(DriverConformance, ReportsServerVersionAndAnExistingSchema) {
    detail::string_result version;
    const auto failure = detail::attempt([&](jw_error* e) { return connection_->driver().server_version(connection_->get(), version.sink(), e); });
    ASSERT_FALSE(failure) << detail::describe(failure);
    EXPECT_FALSE(version.value.empty());
    std::int32_t exists = 0, empty = 0;
    const auto state = detail::attempt([&](jw_error* e) {
        return connection_->driver().schema_state(connection_->get(), detail::str(schema_), &exists, &empty, e);
    });
    ASSERT_FALSE(state) << detail::describe(state);
    EXPECT_EQ(exists, 1) << "the connection's own schema " << schema_ << " should exist";
    std::int32_t missing_exists = 1;
    const auto missing = detail::attempt([&](jw_error* e) {
        return connection_->driver().schema_state(connection_->get(), detail::str("jw_conformance_no_such_schema"), &missing_exists, &empty, e);
    });
    ASSERT_FALSE(missing) << detail::describe(missing);
    EXPECT_EQ(missing_exists, 0);
}

TEST_F(DriverConformance, HistoryTableRoundTripsEveryColumn) {
    EXPECT_FALSE(history_table_exists(*connection_));
    create_history_table();
    EXPECT_TRUE(history_table_exists(*connection_));
    ASSERT_FALSE(insert_row(*connection_, 1, "1.1", "first one", -1234567890, true));
    ASSERT_FALSE(insert_row(*connection_, 2, nullptr, "no version, no checksum", std::nullopt, false));
    const auto rows = history_rows(*connection_);
    ASSERT_EQ(rows.size(), 2u);
    ASSERT_EQ(rows[0].size(), 10u) << "installed_rank .. success, in Flyway's column order";
    EXPECT_EQ(rows[0][0], "1");
    EXPECT_EQ(rows[0][1], "1.1");
    EXPECT_EQ(rows[0][2], "first one");
    EXPECT_EQ(rows[0][3], "SQL");
    EXPECT_EQ(rows[0][4], "V1__x.sql");
    EXPECT_EQ(rows[0][5], "-1234567890");
    EXPECT_TRUE(rows[0][6].has_value() && !rows[0][6]->empty()) << "installed_on is set by the database";
    EXPECT_EQ(rows[0][7], "conformance");
    EXPECT_EQ(rows[0][8], "7");
    EXPECT_TRUE(is_true(rows[0][9]));
    EXPECT_EQ(rows[1][1], std::nullopt) << "a repeatable's version is NULL";
    EXPECT_EQ(rows[1][5], std::nullopt) << "a missing checksum is NULL";
    EXPECT_FALSE(is_true(rows[1][9]));

    // Rows after a rank only, as incremental reads ask.
    auto [later, failure] = connection_->query(connection_->history_sql(JW_HISTORY_SELECT, schema_, table_),
                                               {jw_value{JW_VALUE_INT64, 1, jw_str{}}});
    ASSERT_FALSE(failure) << detail::describe(failure);
    ASSERT_EQ(later.size(), 1u);
    EXPECT_EQ(later[0][0], "2");

    // repair's statements: drop failed rows, rewrite one row's description, type and checksum.
    ASSERT_FALSE(connection_->query(connection_->history_sql(JW_HISTORY_DELETE_FAILED, schema_, table_)).second);
    const std::string description = "renamed", type = "SQL";
    ASSERT_FALSE(connection_->query(connection_->history_sql(JW_HISTORY_UPDATE_ROW, schema_, table_),
                                    {jw_value{JW_VALUE_TEXT, 0, detail::str(description)}, jw_value{JW_VALUE_TEXT, 0, detail::str(type)},
                                     jw_value{JW_VALUE_INT64, 42, jw_str{}}, jw_value{JW_VALUE_INT64, 1, jw_str{}}})
                     .second);
    const auto after = history_rows(*connection_);
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0][2], "renamed");
    EXPECT_EQ(after[0][5], "42");
}

TEST_F(DriverConformance, RollbackUndoesAndCommitKeeps) {
    create_history_table();
    const jw_driver_v1& d = connection_->driver();
    auto tx = [&](jw_status (*fn)(jw_connection*, jw_error*)) {
        return detail::attempt([&](jw_error* e) { return fn(connection_->get(), e); });
    };
    ASSERT_FALSE(tx(d.begin));
    ASSERT_FALSE(insert_row(*connection_, 1, "1", "rolled back", 1, true));
    ASSERT_FALSE(tx(d.rollback));
    EXPECT_TRUE(history_rows(*connection_).empty());
    ASSERT_FALSE(tx(d.begin));
    ASSERT_FALSE(insert_row(*connection_, 1, "1", "committed", 1, true));
    ASSERT_FALSE(tx(d.commit));
    conformance_connection other;
    ASSERT_FALSE(other.connect_failure());
    EXPECT_EQ(history_rows(other).size(), 1u) << "a committed row is visible to another connection";
}

TEST_F(DriverConformance, BatchRunsInOrderAndStopsAtTheFirstFailure) {
    const jw_driver_v1& d = connection_->driver();
    if (d.execute_batch == nullptr) GTEST_SKIP() << "the driver sends statements one by one (no execute_batch)";
    detail::string_result quoted_schema, quoted_table;
    ASSERT_FALSE(detail::attempt([&](jw_error* e) { return d.quote_identifier(detail::str(schema_), quoted_schema.sink(), e); }));
    ASSERT_FALSE(detail::attempt([&](jw_error* e) { return d.quote_identifier(detail::str(table_), quoted_table.sink(), e); }));
    const std::string t = quoted_schema.value + "." + quoted_table.value;
    ASSERT_FALSE(connection_->execute("CREATE TABLE " + t + " (x INT PRIMARY KEY)"));
    conformance_connection batching(/*batch=*/true);
    ASSERT_FALSE(batching.connect_failure()) << detail::describe(batching.connect_failure());
    auto tx = [&](jw_status (*fn)(jw_connection*, jw_error*)) {
        return detail::attempt([&](jw_error* e) { return fn(batching.get(), e); });
    };
    auto batch = [&](const std::vector<std::string>& statements, std::size_t& ran) {
        std::vector<jw_str> texts;
        for (const auto& s : statements) texts.push_back(detail::str(s));
        return detail::attempt([&](jw_error* e) { return d.execute_batch(batching.get(), texts.data(), texts.size(), &ran, e); });
    };
    auto count = [&] {
        auto [rows, failure] = batching.query("SELECT COUNT(*) FROM " + t);
        EXPECT_FALSE(failure) << detail::describe(failure);
        return rows.empty() || !rows[0][0] ? std::string{} : *rows[0][0];
    };

    ASSERT_FALSE(tx(d.begin));
    std::size_t ran = 99;
    const auto failure = batch({"INSERT INTO " + t + " VALUES (1)", "INSERT INTO " + t + " VALUES (2)",
                                "INSERT INTO " + t + " VALUES (1)", "INSERT INTO " + t + " VALUES (3)"},
                               ran);
    ASSERT_TRUE(failure) << "the third statement repeats a key";
    EXPECT_EQ(failure->status, JW_E_SQL);
    EXPECT_FALSE(failure->message.empty());
    EXPECT_EQ(ran, 2u) << "ran counts the statements before the failing one";
    ASSERT_FALSE(tx(d.rollback));
    EXPECT_EQ(count(), "0");

    ASSERT_FALSE(tx(d.begin));
    ran = 99;
    ASSERT_FALSE(batch({"INSERT INTO " + t + " VALUES (1)", "UPDATE " + t + " SET x = 5 WHERE x = 1",
                        "INSERT INTO " + t + " VALUES (1)", "DELETE FROM " + t + " WHERE x = 1"},
                       ran));
    EXPECT_EQ(ran, 4u);
    ASSERT_FALSE(tx(d.commit));
    auto [rows, select_failure] = batching.query("SELECT x FROM " + t);
    ASSERT_FALSE(select_failure);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], std::optional<std::string>("5")) << "statements ran in their order";
}

TEST_F(DriverConformance, FlightOfMigrationsCommitsEachAndStopsAtTheFirstFailure) {
    const jw_driver_v1& d = connection_->driver();
    if (d.execute_flight == nullptr || (d.flight_flags & JW_STATEMENT_NEXT_MIGRATION) == 0)
        GTEST_SKIP() << "the driver sends one migration per flight at most (API 1.8's flight_flags)";
    detail::string_result quoted_schema, quoted_table;
    ASSERT_FALSE(detail::attempt([&](jw_error* e) { return d.quote_identifier(detail::str(schema_), quoted_schema.sink(), e); }));
    ASSERT_FALSE(detail::attempt([&](jw_error* e) { return d.quote_identifier(detail::str(table_), quoted_table.sink(), e); }));
    const std::string t = quoted_schema.value + "." + quoted_table.value;
    ASSERT_FALSE(connection_->execute("CREATE TABLE " + t + " (x INT PRIMARY KEY)"));
    auto tx = [&](jw_status (*fn)(jw_connection*, jw_error*)) {
        return detail::attempt([&](jw_error* e) { return fn(connection_->get(), e); });
    };
    // "" is a boundary: the next migration, in a new transaction or (group) the same one.
    auto fly = [&](const std::vector<std::string>& statements, std::int32_t boundary, bool commit, std::size_t& ran) {
        std::vector<jw_statement> items;
        for (const auto& s : statements)
            items.push_back({detail::str(s), nullptr, 0, s.empty() ? boundary : 0});
        return detail::attempt([&](jw_error* e) {
            return d.execute_flight(connection_->get(), items.data(), items.size(), commit ? 1 : 0, &ran, e);
        });
    };
    auto values = [&] {
        conformance_connection other;
        auto [rows, failure] = other.query("SELECT x FROM " + t + " ORDER BY x");
        EXPECT_FALSE(failure) << detail::describe(failure);
        std::string out;
        for (const auto& row : rows) out += (out.empty() ? "" : ",") + row[0].value_or("NULL");
        return out;
    };
    const std::string insert = "INSERT INTO " + t + " VALUES ";

    ASSERT_FALSE(tx(d.begin));
    std::size_t ran = 99;
    auto failure = fly({insert + "(1)", "", insert + "(2)", "", insert + "(1)", insert + "(3)"}, JW_STATEMENT_NEXT_MIGRATION,
                       true, ran);
    ASSERT_TRUE(failure) << "the third migration repeats a key";
    EXPECT_EQ(failure->status, JW_E_SQL);
    EXPECT_EQ(ran, 4u) << "ran names the failing statement";
    ASSERT_FALSE(tx(d.rollback));
    EXPECT_EQ(values(), "1,2") << "the migrations before the failing one committed";

    if ((d.flight_flags & JW_STATEMENT_SAME_TRANSACTION) == 0) return;
    const std::int32_t group = JW_STATEMENT_NEXT_MIGRATION | JW_STATEMENT_SAME_TRANSACTION;
    ASSERT_FALSE(tx(d.begin));
    ASSERT_FALSE(fly({insert + "(10)", "", insert + "(11)"}, group, true, ran));
    EXPECT_EQ(values(), "1,2,10,11");
    ASSERT_FALSE(tx(d.begin));
    failure = fly({insert + "(20)", "", insert + "(20)"}, group, false, ran);
    ASSERT_TRUE(failure);
    EXPECT_EQ(ran, 2u);
    ASSERT_FALSE(tx(d.rollback));
    EXPECT_EQ(values(), "1,2,10,11") << "a group's migrations go back together";
}

TEST_F(DriverConformance, FailedStatementIsAnSqlErrorWithAMessage) {
    const auto failure = connection_->execute("THIS IS NOT SQL AT ALL");
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->status, JW_E_SQL);
    EXPECT_FALSE(failure->message.empty());
    EXPECT_LE(failure->sqlstate.size(), 5u);
    // The connection is still usable afterwards.
    create_history_table();
    EXPECT_TRUE(history_table_exists(*connection_));
}

TEST_F(DriverConformance, CatalogQueriesListTheConnectionsOwnSchemaAndDatabaseByPattern) {
    // API 1.9: what a fleet run lists its targets with. A database without schemas or
    // databases to list refuses with "not implemented", and the host says so.
    auto names = [&](std::int32_t which, const std::string& pattern) -> std::optional<std::vector<std::string>> {
        detail::string_result sql;
        const auto refused = detail::attempt([&](jw_error* e) {
            return connection_->driver().history_sql(which, detail::str(""), detail::str(""), sql.sink(), e);
        });
        if (refused) {
            EXPECT_EQ(refused->status, JW_E_NOT_IMPLEMENTED) << detail::describe(refused);
            return std::nullopt;
        }
        auto [rows, failure] = connection_->query(sql.value, {jw_value{JW_VALUE_TEXT, 0, detail::str(pattern)}});
        EXPECT_FALSE(failure) << sql.value << "\n" << detail::describe(failure);
        std::vector<std::string> out;
        for (const auto& row : rows) out.push_back(row.at(0).value_or("NULL"));
        return out;
    };
    const auto schemas = names(JW_CATALOG_SCHEMAS, schema_);
    if (schemas) {
        EXPECT_EQ(*schemas, std::vector<std::string>{schema_});
        EXPECT_EQ(names(JW_CATALOG_SCHEMAS, "jw\\_no\\_such\\_schema\\_%")->size(), 0u);
    }
    std::string database;
    if (connection_->driver().current_database != nullptr) {
        detail::string_result out;
        detail::attempt([&](jw_error* e) { return connection_->driver().current_database(connection_->get(), out.sink(), e); });
        database = out.value;
    }
    const auto databases = database.empty() ? std::nullopt : names(JW_CATALOG_DATABASES, database);
    if (databases) {
        EXPECT_EQ(*databases, std::vector<std::string>{database});
        EXPECT_GE(names(JW_CATALOG_DATABASES, "%")->size(), 1u);
    }
    if (!schemas && !databases) GTEST_SKIP() << "the driver lists neither schemas nor databases (API 1.9)";
}

TEST_F(DriverConformance, CatalogObjectsListWhatTheSchemaHoldsButTheHistoryTable) {
    // API 1.10: what check -drift compares. Optional: a driver without it says "not implemented".
    const jw_driver_v1& d = connection_->driver();
    detail::string_result sql;
    const auto refused = detail::attempt([&](jw_error* e) {
        return d.history_sql(JW_CATALOG_OBJECTS, detail::str(schema_), detail::str(table_), sql.sink(), e);
    });
    if (refused) {
        EXPECT_EQ(refused->status, JW_E_NOT_IMPLEMENTED) << detail::describe(refused);
        GTEST_SKIP() << "the driver lists no objects (API 1.10)";
    }
    auto quoted = [&](const std::string& name) {
        detail::string_result out;
        detail::attempt([&](jw_error* e) { return d.quote_identifier(detail::str(name), out.sink(), e); });
        return out.value;
    };
    const std::string other = table_ + "_o", index = table_ + "_ix", view = table_ + "_v";
    // Unqualified: schema_ is the connection's own, and SQLite takes no schema on CREATE INDEX's table.
    const std::string in_schema;
    create_history_table();
    ASSERT_FALSE(connection_->execute("CREATE TABLE " + in_schema + quoted(other) + " (id INT PRIMARY KEY, label VARCHAR(20))"));
    struct drop_all {
        conformance_connection& c;
        std::string view, table;
        ~drop_all() {
            c.execute("DROP VIEW IF EXISTS " + view);
            c.execute("DROP TABLE IF EXISTS " + table);
        }
    } cleanup{*connection_, in_schema + quoted(view), in_schema + quoted(other)};
    ASSERT_FALSE(connection_->execute("CREATE INDEX " + quoted(index) + " ON " + in_schema + quoted(other) + " (label)"));
    ASSERT_FALSE(connection_->execute("CREATE VIEW " + in_schema + quoted(view) + " AS SELECT id FROM " + in_schema + quoted(other)));

    auto [rows, failure] = connection_->query(sql.value, {jw_value{JW_VALUE_TEXT, 0, detail::str(schema_)},
                                                          jw_value{JW_VALUE_TEXT, 0, detail::str(table_)}});
    ASSERT_FALSE(failure) << sql.value << "\n" << detail::describe(failure);
    std::map<std::string, std::string> objects;  // "kind name" -> definition
    for (const auto& row : rows) {
        ASSERT_EQ(row.size(), 3u);
        objects[row.at(0).value_or("NULL") + " " + row.at(1).value_or("NULL")] = row.at(2).value_or("NULL");
    }
    for (const std::string& expected : {"table " + other, "column " + other + ".id", "column " + other + ".label",
                                        "index " + other + "." + index, "view " + view})
        EXPECT_EQ(objects.count(expected), 1u) << expected << " is missing";
    EXPECT_NE(objects["column " + other + ".label"].find("20"), std::string::npos)
        << "a column's definition carries its type: " << objects["column " + other + ".label"];
    EXPECT_NE(objects["column " + other + ".label"], objects["column " + other + ".id"]);
    for (const auto& [key, definition] : objects) {
        EXPECT_EQ(key.find(" " + table_ + "."), std::string::npos) << "the history table's own objects are left out: " << key;
        EXPECT_NE(key, "table " + table_);
    }
}

TEST_F(DriverConformance, UnreachableDatabaseIsAConnectionError) {
    // Every scheme's URL with a host, pointed at a port nothing listens on, cannot connect.
    const std::string& url = driver_under_test::get().url();
    const std::size_t host = url.find("://");
    if (host == std::string::npos) GTEST_SKIP() << "this URL names no host (an embedded database)";
    const std::string scheme = url.substr(0, host);
    jw_connection* c = nullptr;
    const auto failure = detail::attempt([&](jw_error* e) {
        return connection_->driver().connect(detail::str(scheme + "://127.0.0.1:1/nothing"), nullptr, 0, &c, e);
    });
    if (c != nullptr) connection_->driver().disconnect(c);
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->status, JW_E_CONNECTION) << failure->message;
}

TEST_F(DriverConformance, LockIsExclusiveAndBoundedAndFreedOnRelease) {
    const jw_driver_v1& d = connection_->driver();
    if (d.acquire_lock == nullptr) GTEST_SKIP() << "the driver has no lock of its own (its history table lock serves)";
    create_history_table();
    // Since API 1.7 a driver may take the lock with the next statement rather than in
    // acquire_lock, and release it with the next statement or the session's end: a statement
    // after each call settles it, and a refusal may come from either.
    auto settled = [&](conformance_connection& c, const std::optional<call_failure>& first) {
        if (first) return first;
        return c.query("SELECT 1").second;
    };
    auto acquire = [&](conformance_connection& c, std::int32_t retries) {
        return settled(c, detail::attempt([&](jw_error* e) { return d.acquire_lock(c.get(), detail::str(table_), retries, e); }));
    };
    auto release = [&](conformance_connection& c) {
        return settled(c, detail::attempt([&](jw_error* e) { return d.release_lock(c.get(), e); }));
    };
    ASSERT_FALSE(acquire(*connection_, 0));
    conformance_connection other;
    ASSERT_FALSE(other.connect_failure());
    const auto refused = acquire(other, 0);
    ASSERT_TRUE(refused) << "a second session took a held lock";
    EXPECT_EQ(refused->status, JW_E_LOCK_TIMEOUT);
    ASSERT_FALSE(release(*connection_));
    ASSERT_FALSE(acquire(other, 0)) << "the lock was not free after release";
    ASSERT_FALSE(release(other));
}

TEST_F(DriverConformance, QuotedIdentifierNamesTheTable) {
    create_history_table();
    detail::string_result quoted;
    const auto failure = detail::attempt([&](jw_error* e) { return connection_->driver().quote_identifier(detail::str(table_), quoted.sink(), e); });
    ASSERT_FALSE(failure) << detail::describe(failure);
    EXPECT_NE(quoted.value.find(table_), std::string::npos);
    auto [rows, select_failure] = connection_->query("SELECT COUNT(*) FROM " + quoted.value);
    ASSERT_FALSE(select_failure) << detail::describe(select_failure);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], "0");
}

}  // namespace jetway::sdk::testing
