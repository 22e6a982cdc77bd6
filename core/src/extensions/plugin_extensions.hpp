// SPDX-License-Identifier: Apache-2.0
// Resolver and callback plugins seen through the SDK's C++ interfaces, so that the engine calls
// a loaded plugin exactly as it calls the built-in resolvers and callbacks. Each wrapper keeps
// its library loaded for as long as it lives.
#pragma once

#include <jetway/core/plugin_library.hpp>
#include <jetway/sdk/extension.hpp>

#include <memory>

namespace jetway::core {

/// A plugin's own instance for one engine (API 1.6: open/close); none for older plugins, whose
/// one process-wide instance the engine then shares.
class plugin_instance {
 public:
    plugin_instance(std::shared_ptr<const plugin_library> library, decltype(jw_resolver_v1::open) open,
                    decltype(jw_resolver_v1::close) close, const std::string& kind);
    ~plugin_instance();
    plugin_instance(const plugin_instance&) = delete;
    plugin_instance& operator=(const plugin_instance&) = delete;
    const plugin_library& library() const noexcept { return *library_; }
    void* handle() const noexcept { return handle_; }

 private:
    std::shared_ptr<const plugin_library> library_;  // first: the instance is closed before it goes
    decltype(jw_resolver_v1::close) close_;
    void* handle_ = nullptr;
};

class plugin_resolver final : public sdk::resolver {
 public:
    explicit plugin_resolver(std::shared_ptr<const plugin_library> library);
    std::vector<sdk::migration> resolve(const sdk::properties& settings) override;
    void migrate(std::size_t index, sdk::statement_runner& runner) override;
    sdk::transaction_mode transaction(std::size_t index, sdk::statement_runner& runner) override;

 private:
    std::shared_ptr<const plugin_library> library_;
    plugin_instance instance_;
    std::vector<std::pair<std::uint64_t, std::string>> found_;  // the plugin's id and script, per index
};

class plugin_callback final : public sdk::callback {
 public:
    explicit plugin_callback(std::shared_ptr<const plugin_library> library);
    bool supports(std::string_view event) const override;
    void handle(std::string_view event, const sdk::properties& details, const sdk::properties& settings,
                sdk::statement_runner& runner) override;

 private:
    std::shared_ptr<const plugin_library> library_;
    plugin_instance instance_;
};

/// Runs `fn`, turning an sdk::error it throws into the engine's error with the same meaning.
template <class Fn>
decltype(auto) engine_errors(Fn&& fn) {
    try {
        return fn();
    } catch (const sdk::error& e) {
        throw error(error_code_for(e.status()), e.what(), e.sqlstate(), e.vendor_code());
    }
}

}  // namespace jetway::core
