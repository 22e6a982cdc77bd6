// SPDX-License-Identifier: Apache-2.0
// Turns a plugin author's C++ classes into the C tables of plugin_abi.h. Compiled into each
// plugin, so no C++ ABI ever crosses the boundary. Every function here is noexcept and catches
// everything: an exception escaping into the host would crash it.
#pragma once

#include <jetway/plugin_abi.h>
#include <jetway/sdk/driver.hpp>
#include <jetway/sdk/error.hpp>
#include <jetway/sdk/log.hpp>

#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

// The opaque handles of the C ABI are defined here, on the plugin's side only.
struct jw_connection {
    std::unique_ptr<jetway::sdk::connection> impl;
    const jw_host_v1* host;  // whose engine made it: what it logs goes there
};
struct jw_rows {
    std::unique_ptr<jetway::sdk::row_set> impl;
};

namespace jetway::sdk::detail {

inline void release_error(jw_error* error) noexcept {
    std::free(error->message);
    error->message = nullptr;
    error->release = nullptr;
}

inline jw_status report(jw_error* error, jw_status status, const char* message,
                        const std::string& sqlstate = {}, int vendor_code = 0,
                        int position = 0) noexcept {
    if (error == nullptr) return status;
    const std::size_t length = std::strlen(message);
    error->message = static_cast<char*>(std::malloc(length + 1));
    if (error->message != nullptr) std::memcpy(error->message, message, length + 1);
    error->vendor_code = vendor_code;
    error->position = position;
    std::memset(error->sqlstate, 0, sizeof error->sqlstate);
    std::memcpy(error->sqlstate, sqlstate.data(), std::min<std::size_t>(sqlstate.size(), 5));
    error->release = &release_error;
    return status;
}

/// Runs `body`, turning any exception into a status and a filled jw_error.
template <class Body>
jw_status guarded(jw_error* error, Body&& body) noexcept {
    try {
        body();
        return JW_OK;
    } catch (const sdk::error& e) {
        return report(error, e.status(), e.what(), e.sqlstate(), e.vendor_code(), e.position());
    } catch (const std::exception& e) {
        return report(error, JW_E_INTERNAL, e.what());
    } catch (...) {
        return report(error, JW_E_INTERNAL, "unknown exception in plugin");
    }
}

inline std::string_view view(jw_str s) noexcept { return {s.data, s.size}; }
inline void put(jw_str_sink sink, const std::string& text) noexcept {
    if (sink.put != nullptr) sink.put(sink.ctx, jw_str{text.data(), text.size()});
}

template <class Driver>
struct driver_adapter {
    /// The plugin's single driver instance, made on first use and destroyed when the library
    /// is unloaded.
    /// Holds no run's state: connect() is safe from any thread (sdk::driver's contract), and
    /// everything a run owns lives in the connections it makes.
    static Driver& instance() {
        static Driver driver;
        return driver;
    }

    /// Runs `body` for connection `c` with its engine's host current, so its log lines go home.
    template <class Body>
    static jw_status on(jw_connection* c, jw_error* error, Body&& body) noexcept {
        host_scope scope(c->host);
        return guarded(error, std::forward<Body>(body));
    }

    static jw_status connect_host(const jw_host_v1* host, jw_str url, const jw_option* options,
                                  std::size_t option_count, jw_connection** out, jw_error* error) noexcept {
        host_scope scope(host);
        return guarded(error, [&] {
            connect_options opts;
            for (std::size_t i = 0; i < option_count; ++i)
                opts.emplace(std::string(view(options[i].key)), std::string(view(options[i].value)));
            auto made = instance().connect(view(url), opts);
            *out = new jw_connection{std::move(made), host};
        });
    }
    // For a host older than 1.6 (which refuses this plugin anyway): a connection without a host.
    static jw_status connect(jw_str url, const jw_option* options, std::size_t option_count,
                             jw_connection** out, jw_error* error) noexcept {
        return connect_host(nullptr, url, options, option_count, out, error);
    }
    static void disconnect(jw_connection* c) noexcept {
        host_scope scope(c->host);
        try {
            delete c;
        } catch (...) {
            // A destructor that throws must not take the host down; the handle is gone anyway.
        }
    }
    static jw_status execute(jw_connection* c, jw_str sql, std::int64_t* affected,
                             jw_error* error) noexcept {
        return on(c, error, [&] {
            const std::int64_t n = c->impl->execute(view(sql));
            if (affected != nullptr) *affected = n;
        });
    }
    static std::vector<value> values_of(const jw_value* params, std::size_t count) {
        std::vector<value> values;
        values.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            switch (params[i].kind) {
                case JW_VALUE_INT64: values.push_back(value::of(params[i].integer)); break;
                case JW_VALUE_TEXT: values.push_back(value::of(view(params[i].text))); break;
                default: values.push_back(value::null()); break;
            }
        }
        return values;
    }
    static jw_status query(jw_connection* c, jw_str sql, const jw_value* params,
                           std::size_t count, jw_rows** out, jw_error* error) noexcept {
        return on(c, error, [&] { *out = new jw_rows{c->impl->query(view(sql), values_of(params, count))}; });
    }
    static jw_status rows_next(jw_rows* r, std::int32_t* has_row, jw_error* error) noexcept {
        return guarded(error, [&] { *has_row = r->impl->next() ? 1 : 0; });
    }
    static std::uint32_t rows_column_count(jw_rows* r) noexcept {
        try {
            return static_cast<std::uint32_t>(r->impl->column_count());
        } catch (...) {
            return 0;
        }
    }
    static jw_str rows_column_name(jw_rows* r, std::uint32_t column) noexcept {
        try {
            const std::string_view name = r->impl->column_name(column);
            return jw_str{name.data(), name.size()};
        } catch (...) {
            return jw_str{"", 0};
        }
    }
    static std::int32_t rows_value(jw_rows* r, std::uint32_t column, jw_str* out) noexcept {
        try {
            const auto v = r->impl->value_at(column);
            if (!v) return 0;
            *out = jw_str{v->data(), v->size()};
            return 1;
        } catch (...) {
            return 0;
        }
    }
    static void rows_close(jw_rows* r) noexcept {
        try {
            delete r;
        } catch (...) {
        }
    }
    static jw_status begin(jw_connection* c, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->begin(); });
    }
    static jw_status commit(jw_connection* c, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->commit(); });
    }
    static jw_status rollback(jw_connection* c, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->rollback(); });
    }
    static jw_status acquire_lock(jw_connection* c, jw_str table, std::int32_t retries,
                                  jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->acquire_lock(view(table), retries); });
    }
    static jw_status release_lock(jw_connection* c, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->release_lock(); });
    }
    static jw_status history_sql(std::int32_t which, jw_str schema, jw_str table,
                                 jw_str_sink out, jw_error* error) noexcept {
        return guarded(error, [&] {
            put(out, instance().history_sql(static_cast<history_statement>(which), view(schema),
                                            view(table)));
        });
    }
    static jw_status current_schema(jw_connection* c, jw_str_sink out, jw_error* error) noexcept {
        return on(c, error, [&] { put(out, c->impl->current_schema()); });
    }
    static jw_status server_version(jw_connection* c, jw_str_sink out, jw_error* error) noexcept {
        return on(c, error, [&] { put(out, c->impl->server_version()); });
    }

    static jw_status current_user(jw_connection* c, jw_str_sink out, jw_error* error) noexcept {
        return on(c, error, [&] { put(out, c->impl->current_user()); });
    }
    static jw_status schema_state(jw_connection* c, jw_str schema, std::int32_t* exists,
                                  std::int32_t* empty, jw_error* error) noexcept {
        return on(c, error, [&] {
            const bool there = c->impl->schema_exists(view(schema));
            *exists = there ? 1 : 0;
            *empty = there && c->impl->schema_is_empty(view(schema)) ? 1 : 0;
        });
    }
    static jw_status create_schema(jw_connection* c, jw_str schema, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->create_schema(view(schema)); });
    }
    static jw_status clean_schema(jw_connection* c, jw_str schema, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->clean_schema(view(schema)); });
    }
    static jw_status quote_identifier(jw_str name, jw_str_sink out, jw_error* error) noexcept {
        return guarded(error, [&] { put(out, instance().quote_identifier(view(name))); });
    }

    static jw_status copy_begin(jw_connection* c, jw_str sql, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->copy_begin(view(sql)); });
    }
    static jw_status copy_put(jw_connection* c, jw_str data, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->copy_put(view(data)); });
    }
    static jw_status copy_end(jw_connection* c, std::int64_t* affected, jw_error* error) noexcept {
        return on(c, error, [&] {
            const std::int64_t n = c->impl->copy_end();
            if (affected != nullptr) *affected = n;
        });
    }
    static jw_status drop_schema(jw_connection* c, jw_str schema, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->drop_schema(view(schema)); });
    }
    static jw_status use_schema(jw_connection* c, jw_str schema, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->use_schema(view(schema)); });
    }

    static jw_status execute_batch(jw_connection* c, const jw_str* statements, std::size_t count,
                                   std::size_t* ran, jw_error* error) noexcept {
        std::size_t done = 0;
        const jw_status status = on(c, error, [&] {
            std::vector<std::string_view> views;
            views.reserve(count);
            for (std::size_t i = 0; i < count; ++i) views.push_back(view(statements[i]));
            c->impl->execute_batch(views, done);
            done = count;
        });
        if (ran != nullptr) *ran = done;
        return status;
    }

    static jw_status execute_flight(jw_connection* c, const jw_statement* statements, std::size_t count,
                                    int32_t commit, std::size_t* ran, jw_error* error) noexcept {
        std::size_t done = 0;
        const jw_status status = on(c, error, [&] {
            std::vector<flight_statement> flight;
            flight.reserve(count);
            for (std::size_t i = 0; i < count; ++i)
                flight.push_back({view(statements[i].sql), values_of(statements[i].params, statements[i].param_count),
                                  (statements[i].flags & JW_STATEMENT_COMMITS_IMPLICITLY) != 0,
                                  (statements[i].flags & JW_STATEMENT_NEXT_MIGRATION) != 0,
                                  (statements[i].flags & JW_STATEMENT_SAME_TRANSACTION) != 0,
                                  (statements[i].flags & JW_STATEMENT_RESTORE_SESSION) != 0});
            c->impl->execute_flight(flight, commit != 0, done);
            done = count;
        });
        if (ran != nullptr) *ran = done;
        return status;
    }

    static jw_status restore_session(jw_connection* c, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->restore_session(); });
    }
    static jw_status current_database(jw_connection* c, jw_str_sink out, jw_error* error) noexcept {
        return on(c, error, [&] { put(out, c->impl->current_database()); });
    }
    static jw_status read_only_reason(jw_connection* c, jw_str_sink out, jw_error* error) noexcept {
        return on(c, error, [&] { put(out, c->impl->read_only_reason()); });
    }
    static jw_status lock_scope(jw_connection* c, int32_t* scope, jw_error* error) noexcept {
        return on(c, error, [&] { *scope = static_cast<int32_t>(c->impl->migration_lock_scope()); });
    }

    // From another thread, concurrently with the connection's own calls: only the thread-local host scope is set.
    static jw_status interrupt(jw_connection* c, jw_error* error) noexcept {
        return on(c, error, [&] { c->impl->interrupt(); });
    }

    static const jw_driver_v1* table() {
        static const jw_driver_v1 t = make_table(instance().features());
        return &t;
    }

    static jw_driver_v1 make_table(const driver_features& f) {
        jw_driver_v1 t = {
            sizeof(jw_driver_v1), &connect,      &disconnect,        &execute,
            &query,               &rows_next,    &rows_column_count, &rows_column_name,
            &rows_value,          &rows_close,   &begin,             &commit,
            &rollback,            &acquire_lock, &release_lock,      &history_sql,
            &current_schema,      &server_version, &instance().dialect(),
            &current_user,        &schema_state, &create_schema,     &clean_schema,
            &quote_identifier,    &copy_begin,   &copy_put,          &copy_end,
            &drop_schema,         &use_schema,   &execute_batch,     &restore_session,
            &current_database,    &read_only_reason, &lock_scope,       &connect_host,
            &execute_flight,
            (f.flight && f.flight_of_migrations) ? JW_STATEMENT_NEXT_MIGRATION | JW_STATEMENT_SAME_TRANSACTION : 0,
            &interrupt,
        };
        if (!f.locking) {
            t.acquire_lock = nullptr;
            t.release_lock = nullptr;
        }
        if (!f.create_schema) {
            t.create_schema = nullptr;
            t.drop_schema = nullptr;
        }
        if (!f.clean) t.clean_schema = nullptr;
        if (!f.copy_in) {
            t.copy_begin = nullptr;
            t.copy_put = nullptr;
            t.copy_end = nullptr;
        }
        if (!f.use_schema) t.use_schema = nullptr;
        if (!f.batch) t.execute_batch = nullptr;
        if (!f.flight) t.execute_flight = nullptr;
        return t;
    }
};

#ifndef JW_BUILD_INFO
#define JW_BUILD_INFO_STR(x) #x
#define JW_BUILD_INFO_XSTR(x) JW_BUILD_INFO_STR(x)
#if defined(__clang__)
#define JW_BUILD_INFO "clang " __clang_version__
#elif defined(__GNUC__)
#define JW_BUILD_INFO "gcc " JW_BUILD_INFO_XSTR(__GNUC__) "." JW_BUILD_INFO_XSTR(__GNUC_MINOR__)
#else
#define JW_BUILD_INFO "unknown compiler"
#endif
#endif

/// The body of a driver plugin's jw_plugin_init.
template <class Driver>
jw_status init_driver_plugin(const jw_host_v1* host, jw_plugin_v1* out, jw_error* error,
                             const char* name, const char* version) noexcept {
    (void)host;  // each connection gets its engine's host through connect_host
    return guarded(error, [&] {
        out->struct_size = sizeof(jw_plugin_v1);
        out->api_version = JW_PLUGIN_API_VERSION;
        out->name = name;
        out->version = version;
        out->build_info = JW_BUILD_INFO;
        out->kinds = JW_KIND_DRIVER;
        out->driver = driver_adapter<Driver>::table();
        out->resolver = nullptr;
        out->callback = nullptr;
    });
}

}  // namespace jetway::sdk::detail
