// SPDX-License-Identifier: Apache-2.0
// SQL and script callback files (beforeMigrate.sql, afterMigrate.sh ...; spec §9), compiled in
// but written against the SDK's callback interface, as a vendor's callback plugin is.
#pragma once

#include "../extensions/builtin_resolvers.hpp"

namespace jetway::core {

class file_callbacks final : public sdk::callback {
 public:
    file_callbacks(location_scan scan, bool detect_encoding) : scan_(std::move(scan)), detect_encoding_(detect_encoding) {}
    bool supports(std::string_view event) const override;
    /// Runs the files of `event` ordered by description. A failing SQL callback throws; a failing
    /// script callback is only logged, as Flyway does.
    void handle(std::string_view event, const sdk::properties& details, const sdk::properties& settings,
                sdk::statement_runner& runner) override;

 private:
    location_scan scan_;
    bool detect_encoding_;
};

}  // namespace jetway::core
