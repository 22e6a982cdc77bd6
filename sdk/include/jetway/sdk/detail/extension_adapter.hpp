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

/// The refusal an older host gets from a 1.6 plugin's pre-1.6 functions (it refuses the plugin
/// by version first; this only answers a host that does not).
inline jw_status needs_instances(jw_error* error) noexcept {
    return report(error, JW_E_NOT_IMPLEMENTED, "this plugin needs a Jetway with plugin API 1.6 or later");
}

/// One resolver or callback per engine, with the host that engine gave it.
template <class Extension>
struct extension_instance {
    Extension object;
    const jw_host_v1* host;
};

template <class Instance, class Body>
jw_status on_instance(void* instance, jw_error* error, Body&& body) noexcept {
    auto* self = static_cast<Instance*>(instance);
    host_scope scope(self->host);
    return guarded(error, [&] { body(self->object); });
}

template <class Instance>
jw_status open_instance(const jw_host_v1* host, void** instance, jw_error* error) noexcept {
    host_scope scope(host);
    return guarded(error, [&] { *instance = new Instance{{}, host}; });
}

template <class Instance>
void close_instance(void* instance) noexcept {
    auto* self = static_cast<Instance*>(instance);
    host_scope scope(self->host);
    try {
        delete self;
    } catch (...) {
        // A destructor that throws must not take the host down.
    }
}

template <class Resolver>
struct resolver_adapter {
    using instance_type = extension_instance<Resolver>;

    static jw_status resolve_in(void* instance, const jw_option* settings, std::size_t count, jw_migration_sink sink,
                                jw_error* error) noexcept {
        return on_instance<instance_type>(instance, error, [&](Resolver& resolver) {
            const std::vector<migration> list = resolver.resolve(to_properties(settings, count));
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
    static jw_status execute_in(void* instance, std::uint64_t id, jw_statement_runner runner, jw_error* error) noexcept {
        return on_instance<instance_type>(instance, error, [&](Resolver& resolver) {
            statement_runner r(runner);
            resolver.migrate(static_cast<std::size_t>(id), r);
        });
    }
    static jw_status transaction_mode_in(void* instance, std::uint64_t id, jw_statement_runner runner,
                                         std::int32_t* mode, jw_error* error) noexcept {
        return on_instance<instance_type>(instance, error, [&](Resolver& resolver) {
            statement_runner r(runner);
            *mode = static_cast<std::int32_t>(resolver.transaction(static_cast<std::size_t>(id), r));
        });
    }
    static jw_status resolve(const jw_option*, std::size_t, jw_migration_sink, jw_error* error) noexcept {
        return needs_instances(error);
    }
    static jw_status execute(std::uint64_t, jw_statement_runner, jw_error* error) noexcept {
        return needs_instances(error);
    }
    static jw_status transaction_mode(std::uint64_t, jw_statement_runner, std::int32_t*, jw_error* error) noexcept {
        return needs_instances(error);
    }
    static const jw_resolver_v1* table() {
        static const jw_resolver_v1 t = {sizeof(jw_resolver_v1), &resolve,     &execute,
                                         &transaction_mode,      &open_instance<instance_type>,
                                         &close_instance<instance_type>, &resolve_in,
                                         &execute_in,            &transaction_mode_in};
        return &t;
    }
};

template <class Callback>
struct callback_adapter {
    using instance_type = extension_instance<Callback>;

    static std::int32_t supports_in(void* instance, jw_str event) noexcept {
        auto* self = static_cast<instance_type*>(instance);
        host_scope scope(self->host);
        try {
            return self->object.supports(view(event)) ? 1 : 0;
        } catch (...) {
            return 0;
        }
    }
    static jw_status handle_in(void* instance, jw_str event, const jw_option* details, std::size_t detail_count,
                               const jw_option* settings, std::size_t setting_count, jw_statement_runner runner,
                               jw_error* error) noexcept {
        return on_instance<instance_type>(instance, error, [&](Callback& callback) {
            statement_runner r(runner);
            callback.handle(view(event), to_properties(details, detail_count), to_properties(settings, setting_count), r);
        });
    }
    static std::int32_t supports(jw_str) noexcept { return 0; }
    static jw_status handle(jw_str, const jw_option*, std::size_t, const jw_option*, std::size_t, jw_statement_runner,
                            jw_error* error) noexcept {
        return needs_instances(error);
    }
    static const jw_callback_v1* table() {
        static const jw_callback_v1 t = {sizeof(jw_callback_v1),        &supports,   &handle,
                                         &open_instance<instance_type>, &close_instance<instance_type>,
                                         &supports_in,                  &handle_in};
        return &t;
    }
};

template <class Resolver>
jw_status init_resolver_plugin(const jw_host_v1* host, jw_plugin_v1* out, jw_error* error, const char* name,
                               const char* version) noexcept {
    (void)host;  // each instance gets its engine's host through open
    return guarded(error, [&] {
        *out = jw_plugin_v1{sizeof(jw_plugin_v1), JW_PLUGIN_API_VERSION, name, version, JW_BUILD_INFO,
                            JW_KIND_RESOLVER, nullptr, resolver_adapter<Resolver>::table(), nullptr};
    });
}

template <class Callback>
jw_status init_callback_plugin(const jw_host_v1* host, jw_plugin_v1* out, jw_error* error, const char* name,
                               const char* version) noexcept {
    (void)host;  // each instance gets its engine's host through open
    return guarded(error, [&] {
        *out = jw_plugin_v1{sizeof(jw_plugin_v1), JW_PLUGIN_API_VERSION, name, version, JW_BUILD_INFO,
                            JW_KIND_CALLBACK, nullptr, nullptr, callback_adapter<Callback>::table()};
    });
}

}  // namespace jetway::sdk::detail
