// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/error.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace jetway::core {
namespace {

bool is_library_file(const std::filesystem::directory_entry& entry) {
    std::error_code ec;
    if (!entry.is_regular_file(ec)) return false;
    const std::string name = entry.path().filename().string();
    return name.size() > 3 && name.compare(name.size() - 3, 3, ".so") == 0;
}

plugin_candidate examine(const std::filesystem::path& file) {
    plugin_candidate candidate{file, std::nullopt, {}};
    try {
        candidate.metadata = read_plugin_metadata(file);
        const std::string refusal =
            api_version_refusal(candidate.metadata->api_major, candidate.metadata->api_minor);
        if (!refusal.empty()) candidate.refusal = refusal;
    } catch (const error& e) {
        candidate.refusal = e.what();
    }
    return candidate;
}

}  // namespace

plugin_registry::plugin_registry(std::vector<plugin_directory> dirs, host_script_services scripts)
    : dirs_(std::move(dirs)), scripts_(scripts) {
    for (const plugin_directory& dir : dirs_) {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir.path, ec)) {
            spdlog::debug("plugin directory {} ({}) does not exist", dir.path.string(), dir.why);
            continue;
        }
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dir.path, ec))
            if (is_library_file(entry)) files.push_back(entry.path());
        // Sorted, so that which plugin wins a shared scheme does not depend on the file system.
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            candidates_.push_back(examine(file));
            const plugin_candidate& c = candidates_.back();
            if (!c.refusal.empty()) spdlog::debug("ignoring {}: {}", file.string(), c.refusal);
        }
    }
}

std::shared_ptr<const plugin_library> plugin_registry::load(const plugin_candidate& candidate) {
    // Engines of a fleet run share one registry from their own threads (issue 21).
    std::lock_guard lock(loaded_mutex_);
    if (const auto it = loaded_.find(candidate.file); it != loaded_.end()) return it->second;
    auto library = plugin_library::open(candidate.file, *candidate.metadata, scripts_);
    loaded_.emplace(candidate.file, library);
    return library;
}

std::shared_ptr<const plugin_library> plugin_registry::driver_for_scheme(
    const std::string& scheme, const std::string& redacted_url) {
    for (const plugin_candidate& c : candidates_) {
        if (!c.metadata || c.metadata->kind != "driver") continue;
        const auto& schemes = c.metadata->schemes;
        if (std::find(schemes.begin(), schemes.end(), scheme) == schemes.end()) continue;
        // A driver for this scheme that cannot be used is this run's error, with its reason.
        if (!c.refusal.empty())
            throw error(error_code::plugin_incompatible,
                        "cannot use plugin " + c.file.string() + ": " + c.refusal);
        return load(c);
    }

    std::string available;
    for (const plugin_candidate& c : candidates_) {
        if (!c.metadata || c.metadata->kind != "driver" || !c.refusal.empty()) continue;
        if (!available.empty()) available += "; ";
        available += c.metadata->name + " " + c.metadata->version + " [";
        for (std::size_t i = 0; i < c.metadata->schemes.size(); ++i)
            available += (i ? ", " : "") + c.metadata->schemes[i];
        available += "]";
    }
    if (available.empty()) available = "none";
    const std::string shown = scheme.empty() ? "(none)" : "'" + scheme + "'";
    throw error(error_code::plugin_not_found,
                "no driver plugin handles URL scheme " + shown + " (url: " + redacted_url +
                    ")\n  available schemes: " + available +
                    "\n  searched: " + describe_search_path(dirs_));
}

std::shared_ptr<const plugin_library> plugin_registry::plugin_named(const std::string& name, const std::string& kind) {
    for (const plugin_candidate& c : candidates_) {
        if (!c.metadata || c.metadata->name != name || c.metadata->kind != kind) continue;
        if (!c.refusal.empty())
            throw error(error_code::plugin_incompatible,
                        "the " + kind + " plugin '" + name + "' cannot be used: " + c.file.string() + ": " + c.refusal);
        return load(c);
    }
    std::string available;
    for (const plugin_candidate& c : candidates_)
        if (c.metadata && c.metadata->kind == kind && c.refusal.empty())
            available += (available.empty() ? "" : ", ") + c.metadata->name;
    throw error(error_code::plugin_not_found,
                "no " + kind + " plugin named '" + name + "' (named in " + kind + "s)\n  available " + kind +
                    " plugins: " + (available.empty() ? "none" : available) + "\n  searched: " + describe_search_path(dirs_));
}

std::vector<plugin_report> plugin_registry::load_all() {
    std::vector<plugin_report> reports;
    for (const plugin_candidate& c : candidates_) {
        plugin_report report{c.file, c.metadata, {}, "ok"};
        if (!c.refusal.empty()) {
            report.status = c.refusal;
        } else {
            try {
                report.build_info = load(c)->build_info();
            } catch (const error& e) {
                report.status = e.what();
            }
        }
        reports.push_back(std::move(report));
    }
    return reports;
}

}  // namespace jetway::core
