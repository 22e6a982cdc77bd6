// SPDX-License-Identifier: Apache-2.0
// C tables for resolver and callback plugins, from the C++ classes of extension.hpp.
#pragma once

#include <jetway/sdk/detail/adapter.hpp>
#include <jetway/sdk/extension.hpp>

namespace jetway::sdk::detail {

inline properties to_properties(const jw_option* options, std::size_t count) {
    properties out;
    for (std::size_t i = 0; i < count; ++i) out.emplace(std::string(view(options[i].key)), std::string(view(options[i].value)));
    return out;
}

template <class Resolver>
struct resolver_adapter {
    static Resolver& instance() {
        static Resolver r;
        return r;
    }
    static jw_status resolve(const jw_option* settings, std::size_t count, jw_migration_sink sink, jw_error* error) noexcept {
        return guarded(error, [&] {
            const std::vector<migration> list = instance().resolve(to_properties(settings, count));
            for (std::size_t i = 0; i < list.size(); ++i) {
                const migration& m = list[i];
                jw_migration_desc d{};
                d.struct_size = sizeof d;
                d.kind = static_cast<std::int32_t>(m.kind);
                d.version = jw_str{m.version.data(), m.version.size()};
                d.description = jw_str{m.description.data(), m.description.size()};
                d.type = jw_str{m.type.data(), m.type.size()};
                d.script = jw_str{m.script.data(), m.script.size()};
                d.has_checksum = m.checksum ? 1 : 0;
                d.checksum = m.checksum.value_or(0);
                d.id = i;
                d.has_equivalent_checksum = m.equivalent_checksum ? 1 : 0;
                d.equivalent_checksum = m.equivalent_checksum.value_or(0);
                d.location = jw_str{m.location.data(), m.location.size()};
                sink.put(sink.ctx, &d);
            }
        });
    }
    static jw_status execute(std::uint64_t id, jw_statement_runner runner, jw_error* error) noexcept {
        return guarded(error, [&] {
            statement_runner r(runner);
            instance().migrate(static_cast<std::size_t>(id), r);
        });
    }
    static jw_status transaction_mode(std::uint64_t id, jw_statement_runner runner, std::int32_t* mode,
                                      jw_error* error) noexcept {
        return guarded(error, [&] {
            statement_runner r(runner);
            *mode = static_cast<std::int32_t>(instance().transaction(static_cast<std::size_t>(id), r));
        });
    }
    static const jw_resolver_v1* table() {
        static const jw_resolver_v1 t = {sizeof(jw_resolver_v1), &resolve, &execute, &transaction_mode};
        return &t;
    }
};

template <class Callback>
struct callback_adapter {
    static Callback& instance() {
        static Callback c;
        return c;
    }
    static std::int32_t supports(jw_str event) noexcept {
        try {
            return instance().supports(view(event)) ? 1 : 0;
        } catch (...) {
            return 0;
        }
    }
    static jw_status handle(jw_str event, const jw_option* details, std::size_t detail_count, const jw_option* settings,
                            std::size_t setting_count, jw_statement_runner runner, jw_error* error) noexcept {
        return guarded(error, [&] {
            statement_runner r(runner);
            instance().handle(view(event), to_properties(details, detail_count), to_properties(settings, setting_count), r);
        });
    }
    static const jw_callback_v1* table() {
        static const jw_callback_v1 t = {sizeof(jw_callback_v1), &supports, &handle};
        return &t;
    }
};

template <class Resolver>
jw_status init_resolver_plugin(const jw_host_v1* host, jw_plugin_v1* out, jw_error* error, const char* name,
                               const char* version) noexcept {
    return guarded(error, [&] {
        host_services() = host;
        *out = jw_plugin_v1{sizeof(jw_plugin_v1), JW_PLUGIN_API_VERSION, name, version, JW_BUILD_INFO,
                            JW_KIND_RESOLVER, nullptr, resolver_adapter<Resolver>::table(), nullptr};
    });
}

template <class Callback>
jw_status init_callback_plugin(const jw_host_v1* host, jw_plugin_v1* out, jw_error* error, const char* name,
                               const char* version) noexcept {
    return guarded(error, [&] {
        host_services() = host;
        *out = jw_plugin_v1{sizeof(jw_plugin_v1), JW_PLUGIN_API_VERSION, name, version, JW_BUILD_INFO,
                            JW_KIND_CALLBACK, nullptr, nullptr, callback_adapter<Callback>::table()};
    });
}

}  // namespace jetway::sdk::detail
