// SPDX-License-Identifier: Apache-2.0
// A tiny in-memory driver for loader tests: it answers every query with one row holding the
// query's text, and counts live connections so tests can see what the plugin still owns.
#pragma once

#include <jetway/sdk/export.hpp>

#include <atomic>

namespace stub {

inline std::atomic<int> live_connections{0};

class echo_rows final : public jetway::sdk::row_set {
 public:
    explicit echo_rows(std::string text) : text_(std::move(text)) {}
    bool next() override { return !done_ && (done_ = true); }
    std::size_t column_count() const override { return 1; }
    std::string_view column_name(std::size_t) const override { return "echo"; }
    std::optional<std::string_view> value_at(std::size_t) const override { return text_; }

 private:
    std::string text_;
    bool done_ = false;
};

class echo_connection final : public jetway::sdk::connection {
 public:
    echo_connection() { ++live_connections; }
    ~echo_connection() override { --live_connections; }
    std::int64_t execute(std::string_view sql) override {
        if (sql == "fail") throw jetway::sdk::sql_error("stub failure", "42000", 7);
        return 0;
    }
    std::unique_ptr<jetway::sdk::row_set> query(std::string_view sql,
                                                const std::vector<jetway::sdk::value>&) override {
        return std::make_unique<echo_rows>(std::string(sql) + " (" +
                                           std::to_string(live_connections.load()) + " open)");
    }
    void begin() override {}
    void commit() override {}
    void rollback() override {}
    std::string current_schema() override { return "stub"; }
    std::string server_version() override { return "Stub 1.0"; }
    bool schema_exists(std::string_view) override { return true; }
    bool schema_is_empty(std::string_view) override { return true; }
};

class echo_driver : public jetway::sdk::driver {
 public:
    std::unique_ptr<jetway::sdk::connection> connect(std::string_view,
                                                     const jetway::sdk::connect_options&) override {
        return std::make_unique<echo_connection>();
    }
    std::string history_sql(jetway::sdk::history_statement, std::string_view,
                            std::string_view) const override {
        return {};
    }
    const jw_dialect_v1& dialect() const noexcept override {
        static const jw_dialect_v1 d{sizeof(jw_dialect_v1), 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, nullptr, 0};
        return d;
    }
};

}  // namespace stub
