// SPDX-License-Identifier: Apache-2.0
// Every migration a run can apply: the files in the locations, scanned once, and what each
// resolver offers (the built-in SQL and script resolvers, then the plugins the configuration
// names), gathered on first use and checked for duplicates.
#pragma once

#include <jetway/core/configuration.hpp>
#include <jetway/core/migration_resolver.hpp>
#include <jetway/sdk/extension.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jetway::core {

class migration_catalog {
 public:
    /// `placeholders` and `environment` are read when the locations are scanned and must live
    /// as long as the catalog.
    migration_catalog(const configuration& config, std::filesystem::path install_root,
                      const std::map<std::string, std::string>& placeholders,
                      const std::map<std::string, std::string>& environment);

    /// Adds a resolver; they are asked in the order they were added.
    void add_resolver(std::string name, std::shared_ptr<sdk::resolver> resolver);

    /// The files in the locations (migrations and callback scripts), scanned on first use.
    const resolution& files();
    /// What every resolver offers, and the callback files; `settings` go to each resolver.
    const resolution& resolved(const sdk::properties& settings);

 private:
    struct named_resolver {
        std::string name;
        std::shared_ptr<sdk::resolver> resolver;
    };

    const configuration& config_;
    std::filesystem::path install_root_;
    const std::map<std::string, std::string>& placeholders_;
    const std::map<std::string, std::string>& environment_;
    std::vector<named_resolver> resolvers_;
    std::optional<resolution> files_;
    std::optional<resolution> resolved_;
};

}  // namespace jetway::core
