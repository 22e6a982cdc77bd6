// SPDX-License-Identifier: Apache-2.0
// The plugins found in the search path: read cheaply up front, loaded only when a run needs one.
#pragma once

#include <jetway/core/plugin_library.hpp>
#include <jetway/core/plugin_metadata.hpp>
#include <jetway/core/plugin_search_path.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace jetway::core {

/// One file found in a plugin directory.
struct plugin_candidate {
    std::filesystem::path file;
    std::optional<plugin_metadata> metadata;  // absent when the file is not a usable plugin
    std::string refusal;  // why it cannot be used, without the file name; empty when fine so far
};

/// What `jetway plugins` reports for one file after trying to load it.
struct plugin_report {
    std::filesystem::path file;
    std::optional<plugin_metadata> metadata;
    std::string build_info;
    std::string status;  // "ok" or the reason it was refused
};

/// Safe to share between threads once constructed: engines running at once may load plugins
/// through one registry.
class plugin_registry {
 public:
    /// Lists every *.so file of `dirs` and reads its metadata; loads nothing.
    /// `scripts`: what plugins get to run SQL scripts and programs (core::engine's, for a run).
    explicit plugin_registry(std::vector<plugin_directory> dirs, host_script_services scripts = {});

    const std::vector<plugin_directory>& directories() const noexcept { return dirs_; }
    const std::vector<plugin_candidate>& candidates() const noexcept { return candidates_; }

    /// Loads the driver that serves `scheme` (first in search order). Throws core::error with
    /// the scheme, the available schemes and the directories searched when none does, or the
    /// plugin's own reason when it cannot be loaded.
    std::shared_ptr<const plugin_library> driver_for_scheme(const std::string& scheme,
                                                            const std::string& redacted_url);

    /// Loads the plugin called `name` of `kind` (resolver, callback) that the configuration
    /// names. Throws core::error saying which and why when it is missing or refused.
    std::shared_ptr<const plugin_library> plugin_named(const std::string& name, const std::string& kind);

    /// Tries to load every candidate, for `jetway plugins`.
    std::vector<plugin_report> load_all();

 private:
    std::shared_ptr<const plugin_library> load(const plugin_candidate& candidate);

    std::vector<plugin_directory> dirs_;
    host_script_services scripts_;
    std::vector<plugin_candidate> candidates_;
    std::mutex loaded_mutex_;
    std::map<std::filesystem::path, std::shared_ptr<const plugin_library>> loaded_;
};

}  // namespace jetway::core
