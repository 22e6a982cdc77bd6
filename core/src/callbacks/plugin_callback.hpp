// SPDX-License-Identifier: Apache-2.0
// A callback plugin seen through the SDK's C++ interface, so that the engine fires a loaded
// plugin exactly as it fires the built-in callback files. It keeps its library loaded while it
// lives, and its own instance of the plugin's callback (API 1.6).
#pragma once

#include "../extensions/plugin_extensions.hpp"

#include <memory>

namespace jetway::core {

class plugin_callback final : public sdk::callback {
 public:
    explicit plugin_callback(std::shared_ptr<const plugin_library> library);
    bool supports(std::string_view event) const override;
    void handle(std::string_view event, const sdk::properties& details, const sdk::properties& settings,
                sdk::statement_runner& runner) override;

 private:
    plugin_instance instance_;  // keeps the library loaded
};

}  // namespace jetway::core
