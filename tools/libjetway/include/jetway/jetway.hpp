// SPDX-License-Identifier: Apache-2.0
// A header-only C++17 layer over jetway/jetway.h: RAII for engines and results, exceptions for
// failures. Only the C API crosses into the library, so a program built with another compiler or
// standard library links the same libjetway.so.
//
//   jetway::engine engine({{"url", "jdbc:sqlite:app.db"}, {"locations", "filesystem:sql"}});
//   jetway::result done = engine.migrate();          // throws jetway::error on failure
//   std::cout << done.migrations_executed() << " applied, now at " << done.target_version() << "\n";
#pragma once

#include <jetway/jetway.h>

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace jetway {

/// One run's outcome: the JSON document `jetway -outputType=json` prints and its common fields.
class result {
 public:
    explicit result(jetway_result* handle) : handle_(handle, &jetway_result_free) {
        if (!handle_) throw std::bad_alloc();
    }
    bool success() const noexcept { return jetway_result_success(handle_.get()) != 0; }
    int exit_code() const noexcept { return jetway_result_exit_code(handle_.get()); }
    std::string json() const { return jetway_result_json(handle_.get()); }
    long long migrations_executed() const noexcept { return jetway_result_migrations_executed(handle_.get()); }
    std::string initial_version() const { return jetway_result_initial_version(handle_.get()); }
    std::string target_version() const { return jetway_result_target_version(handle_.get()); }
    std::string error_code() const { return text(jetway_result_error_code(handle_.get())); }
    std::string error_message() const { return text(jetway_result_error_message(handle_.get())); }

 private:
    static std::string text(const char* s) { return s == nullptr ? std::string() : std::string(s); }
    std::shared_ptr<jetway_result> handle_;
};

/// A failed run: what() is the message, code() Flyway's error code, and the whole result kept.
class error : public std::runtime_error {
 public:
    explicit error(result failed)
        : std::runtime_error(failed.error_message()), code_(failed.error_code()), result_(std::move(failed)) {}
    const std::string& code() const noexcept { return code_; }
    const jetway::result& outcome() const noexcept { return result_; }

 private:
    std::string code_;
    jetway::result result_;
};

/// How an engine reads its settings and where its log lines go.
struct engine_options {
    bool read_environment = false;   // FLYWAY_* variables
    bool read_config_files = false;  // conf/flyway.conf, ~/flyway.conf, ./flyway.conf|toml
    std::string working_directory;   // empty: the process's
    std::function<void(int level, const std::string& message)> log;  // called on the running thread
    int log_level = JETWAY_LOG_INFO;
};

/// Settings (flyway.conf's keys) and the plugins they need; connects on the first run. One
/// thread at a time; cancel() from any.
class engine {
 public:
    explicit engine(const std::map<std::string, std::string>& settings, engine_options options = {})
        : options_(std::make_unique<engine_options>(std::move(options))) {
        std::vector<const char*> pairs;
        for (const auto& [key, value] : settings) {
            pairs.push_back(key.c_str());
            pairs.push_back(value.c_str());
        }
        jetway_options c;
        jetway_options_init(&c);
        c.settings = pairs.data();
        c.setting_count = settings.size();
        c.read_environment = options_->read_environment ? 1 : 0;
        c.read_config_files = options_->read_config_files ? 1 : 0;
        c.working_directory = options_->working_directory.empty() ? nullptr : options_->working_directory.c_str();
        if (options_->log) {
            c.log = &engine::forward_log;
            c.log_context = options_.get();
        }
        c.log_level = options_->log_level;
        jetway_result* failure = nullptr;
        handle_ = jetway_engine_new(&c, &failure);
        if (handle_ == nullptr) throw error(result(failure));
    }
    ~engine() { jetway_engine_free(handle_); }
    engine(const engine&) = delete;
    engine& operator=(const engine&) = delete;

    /// Runs the commands ("migrate", "clean migrate info" ...); throws jetway::error unless they all succeed.
    result run(const std::string& commands) {
        result outcome(jetway_run(handle_, commands.c_str()));
        if (!outcome.success()) throw error(std::move(outcome));
        return outcome;
    }
    result migrate() { return run("migrate"); }
    result info() { return run("info"); }
    result validate() { return run("validate"); }
    result baseline() { return run("baseline"); }
    result repair() { return run("repair"); }
    result clean() { return run("clean"); }
    /// Stops the run in progress before its next statement (error code CANCELLED).
    void cancel() noexcept { jetway_cancel(handle_); }

 private:
    static void forward_log(void* context, int level, const char* message) {
        try {
            static_cast<engine_options*>(context)->log(level, message);
        } catch (...) {
            // An exception must not unwind through the library's C frames.
        }
    }
    std::unique_ptr<engine_options> options_;  // stable address: the library holds it as context
    jetway_engine* handle_ = nullptr;
};

}  // namespace jetway
