// SPDX-License-Identifier: Apache-2.0
// The macros that export a plugin: its entry point and the metadata symbols the host reads from
// the file without loading it.
//
// Metadata travels as names of one-byte symbols in the ELF section "jetway": jw__kind__driver,
// jw__name__sqlite, jw__version__1_2_0, jw__api__1_0, jw__scheme__sqlite ... Boost.DLL's
// library_info lists them from the symbol table without running any of the library's code, so a
// user drops one file into jars/ and no sidecar is needed. Do not strip the symbol table.
#pragma once

#include <jetway/plugin_abi.h>
#include <jetway/sdk/detail/adapter.hpp>
#include <jetway/sdk/detail/extension_adapter.hpp>

#define JW_DETAIL_CAT2(a, b) a##b
#define JW_DETAIL_CAT(a, b) JW_DETAIL_CAT2(a, b)
#define JW_DETAIL_STR2(x) #x
#define JW_DETAIL_STR(x) JW_DETAIL_STR2(x)

/// One metadata symbol in the "jetway" section.
#define JW_METADATA_SYMBOL(symbol)                                       \
    extern "C" {                                                         \
    __attribute__((visibility("default"))) extern const char symbol;     \
    __attribute__((used, section(JW_METADATA_SECTION))) const char symbol = 1; \
    }

/// Kind, name, version and API version, with an explicit API version (tests use this to build
/// plugins for other API versions; plugin authors use JW_DRIVER_PLUGIN).
#define JW_PLUGIN_METADATA_FOR_API(kind, name, major, minor, patch, api_major, api_minor) \
    JW_METADATA_SYMBOL(jw__kind__##kind)                                                    \
    JW_METADATA_SYMBOL(jw__name__##name)                                                    \
    JW_METADATA_SYMBOL(jw__version__##major##_##minor##_##patch)                            \
    JW_METADATA_SYMBOL(JW_DETAIL_CAT(                                                       \
        JW_DETAIL_CAT(JW_DETAIL_CAT(jw__api__, api_major), _), api_minor))

#define JW_PLUGIN_METADATA(kind, name, major, minor, patch)                          \
    JW_PLUGIN_METADATA_FOR_API(kind, name, major, minor, patch, JW_PLUGIN_API_MAJOR, \
                               JW_PLUGIN_API_MINOR)

/// A URL scheme the driver serves (letters and digits). Repeat for each alias.
#define JW_PLUGIN_SCHEME(scheme) JW_METADATA_SYMBOL(jw__scheme__##scheme)

/// Exports a driver plugin: JW_DRIVER_PLUGIN(sqlite, 0, 1, 0, jetway::sqlite::sqlite_driver)
#define JW_DRIVER_PLUGIN(name, major, minor, patch, DriverClass)                              \
    JW_PLUGIN_METADATA(driver, name, major, minor, patch)                                     \
    extern "C" __attribute__((visibility("default"))) jw_status jw_plugin_init(               \
        const jw_host_v1* host, jw_plugin_v1* out, jw_error* error) {                         \
        return ::jetway::sdk::detail::init_driver_plugin<DriverClass>(                        \
            host, out, error, #name, #major "." #minor "." #patch);                           \
    }

/// Exports a resolver plugin: JW_RESOLVER_PLUGIN(native, 1, 0, 0, my::native_resolver)
#define JW_RESOLVER_PLUGIN(name, major, minor, patch, ResolverClass)                        \
    JW_PLUGIN_METADATA(resolver, name, major, minor, patch)                                 \
    extern "C" __attribute__((visibility("default"))) jw_status jw_plugin_init(             \
        const jw_host_v1* host, jw_plugin_v1* out, jw_error* error) {                       \
        return ::jetway::sdk::detail::init_resolver_plugin<ResolverClass>(                  \
            host, out, error, #name, #major "." #minor "." #patch);                         \
    }

/// Exports a callback plugin: JW_CALLBACK_PLUGIN(audit, 1, 0, 0, my::audit_callback)
#define JW_CALLBACK_PLUGIN(name, major, minor, patch, CallbackClass)                        \
    JW_PLUGIN_METADATA(callback, name, major, minor, patch)                                 \
    extern "C" __attribute__((visibility("default"))) jw_status jw_plugin_init(             \
        const jw_host_v1* host, jw_plugin_v1* out, jw_error* error) {                       \
        return ::jetway::sdk::detail::init_callback_plugin<CallbackClass>(                  \
            host, out, error, #name, #major "." #minor "." #patch);                         \
    }
