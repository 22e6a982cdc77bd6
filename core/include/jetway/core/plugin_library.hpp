// SPDX-License-Identifier: Apache-2.0
// One loaded plugin file: the Boost.DLL handle, the handshake, and core-owned copies of what the
// plugin described. Shared by every object made from it, so it stays loaded while they live.
#pragma once

#include <jetway/core/error.hpp>
#include <jetway/core/plugin_metadata.hpp>
#include <jetway/plugin_abi.h>

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace jetway::core {

/// The script services a host table offers plugins (jw_host_v1's sql_script_mode,
/// run_sql_script, run_program). They run on the engine, which hands them to the plugin registry:
/// this layer only passes them on. Null: not offered.
struct host_script_services {
    decltype(jw_host_v1::sql_script_mode) sql_script_mode = nullptr;
    decltype(jw_host_v1::run_sql_script) run_sql_script = nullptr;
    decltype(jw_host_v1::run_program) run_program = nullptr;
};

class plugin_library {
 public:
    /// Loads `file` (metadata already read and accepted), calls its entry point and checks the
    /// API version again. Throws core::error (plugin_load_failed, plugin_init_failed,
    /// plugin_incompatible) naming the file.
    static std::shared_ptr<const plugin_library> open(const std::filesystem::path& file,
                                                      const plugin_metadata& metadata,
                                                      const host_script_services& scripts = {});

    ~plugin_library();
    plugin_library(const plugin_library&) = delete;
    plugin_library& operator=(const plugin_library&) = delete;

    const std::filesystem::path& file() const noexcept { return file_; }
    const std::string& name() const noexcept { return name_; }
    const std::string& version() const noexcept { return version_; }
    const std::string& build_info() const noexcept { return build_info_; }
    std::uint32_t api_version() const noexcept { return api_version_; }
    bool is_driver() const noexcept { return has_driver_; }
    bool is_resolver() const noexcept { return resolver_.resolve != nullptr; }
    bool is_callback() const noexcept { return callback_.handle != nullptr; }
    /// What this load's connections and instances log to and run scripts through (API 1.6).
    const jw_host_v1& host() const noexcept { return host_; }
    const jw_resolver_v1& resolver() const noexcept { return resolver_; }
    const jw_callback_v1& callback() const noexcept { return callback_; }
    /// The driver table, our copy with absent functions NULL. Only when is_driver().
    const jw_driver_v1& driver() const noexcept { return driver_; }
    const jw_dialect_v1& dialect() const noexcept { return dialect_; }
    /// The dialect's non-transactional patterns, copied out of the plugin.
    const std::string& non_transactional_patterns() const noexcept { return non_transactional_; }
    /// The dialect's implicit-commit patterns (API 1.5), copied out of the plugin.
    const std::string& implicit_commit_patterns() const noexcept { return implicit_commit_; }

 private:
    plugin_library() = default;

    // Declared first so that it is destroyed last: nothing below may outlive the code it
    // points into.
    boost::dll::shared_library library_;
    jw_host_v1 host_{};
    std::filesystem::path file_;
    std::string name_;
    std::string version_;
    std::string build_info_;
    std::uint32_t api_version_ = 0;
    bool has_driver_ = false;
    jw_driver_v1 driver_{};
    jw_dialect_v1 dialect_{};
    std::string non_transactional_;
    std::string implicit_commit_;
    jw_resolver_v1 resolver_{};
    jw_callback_v1 callback_{};
};

/// Copies a plugin's jw_error into a core::error (code `code`) and releases it.
[[noreturn]] void throw_plugin_error(jw_status status, jw_error& err, const std::string& context);

/// The engine's error code for a plugin's status, and back: the pair round-trips every code a
/// script or migration can fail with, so a failure keeps its exit code across the C boundary.
error_code error_code_for(jw_status status) noexcept;
jw_status status_for(error_code code) noexcept;

}  // namespace jetway::core
