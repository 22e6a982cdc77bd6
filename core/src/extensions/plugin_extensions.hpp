// SPDX-License-Identifier: Apache-2.0
// Resolver plugins seen through the SDK's C++ interface, so that the engine calls a loaded
// plugin exactly as it calls the built-in resolvers, and what every plugin wrapper shares (the
// per-engine instance, options, errors). Each wrapper keeps its library loaded while it lives.
// Callback plugins: callbacks/plugin_callback.hpp.
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
    plugin_instance instance_;  // keeps the library loaded
    std::vector<std::pair<std::uint64_t, std::string>> found_;  // the plugin's id and script, per index
};

/// Settings or details as the C ABI's key/value options, borrowing `properties`' strings.
std::vector<jw_option> to_options(const sdk::properties& properties);
/// A jw_error ready for a plugin to fill.
jw_error fresh_error();
/// The plugin's failure as an sdk::error, its message copied before the plugin's release.
[[noreturn]] void throw_failure(jw_status status, jw_error& err, const std::string& context);
/// Whether a resolver or callback table has per-engine instances (API 1.6): a function past
/// the plugin's struct_size reads as NULL in the copy plugin_library keeps.
template <class Table>
bool has_instances(const Table& table) {
    return table.open != nullptr && table.close != nullptr;
}

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
