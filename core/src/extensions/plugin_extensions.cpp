// SPDX-License-Identifier: Apache-2.0
#include "plugin_extensions.hpp"

#include <cstring>

namespace jetway::core {

std::vector<jw_option> to_options(const sdk::properties& properties) {
    std::vector<jw_option> options;
    options.reserve(properties.size());
    for (const auto& [k, v] : properties) options.push_back({{k.data(), k.size()}, {v.data(), v.size()}});
    return options;
}

void throw_failure(jw_status status, jw_error& err, const std::string& context) {
    std::string message = err.message != nullptr ? err.message : "unknown error";
    std::string sqlstate(err.sqlstate, strnlen(err.sqlstate, sizeof err.sqlstate));
    const int vendor = err.vendor_code;
    if (err.release != nullptr) err.release(&err);
    throw sdk::error(status, context + ": " + message, std::move(sqlstate), vendor);
}

jw_error fresh_error() {
    jw_error err{};
    err.struct_size = sizeof err;
    return err;
}

plugin_instance::plugin_instance(std::shared_ptr<const plugin_library> library, decltype(jw_resolver_v1::open) open,
                                 decltype(jw_resolver_v1::close) close, const std::string& kind)
    : library_(std::move(library)), close_(close) {
    if (open == nullptr || close == nullptr) return;
    jw_error err = fresh_error();
    const jw_status status = open(&library_->host(), &handle_, &err);
    if (status != JW_OK) throw_failure(status, err, kind + " plugin '" + library_->name() + "' failed to start");
}

plugin_instance::~plugin_instance() {
    if (handle_ != nullptr) close_(handle_);
}

plugin_resolver::plugin_resolver(std::shared_ptr<const plugin_library> library)
    : instance_(library, library->resolver().open, library->resolver().close, "resolver") {}

std::vector<sdk::migration> plugin_resolver::resolve(const sdk::properties& settings) {
    struct collector {
        std::vector<sdk::migration> list;
        std::vector<std::pair<std::uint64_t, std::string>> ids;
    } found;
    const jw_migration_sink sink{&found, [](void* ctx, const jw_migration_desc* d) {
                                     auto* out = static_cast<collector*>(ctx);
                                     // Fields past the plugin's struct_size are absent (older SDK).
                                     const auto has = [&](std::size_t offset) { return d->struct_size > offset; };
                                     sdk::migration m;
                                     m.kind = static_cast<sdk::migration::kind_type>(d->kind);
                                     m.version.assign(d->version.data, d->version.size);
                                     m.description.assign(d->description.data, d->description.size);
                                     m.type.assign(d->type.data, d->type.size);
                                     m.script.assign(d->script.data, d->script.size);
                                     if (d->has_checksum) m.checksum = d->checksum;
                                     if (has(offsetof(jw_migration_desc, has_equivalent_checksum)) && d->has_equivalent_checksum)
                                         m.equivalent_checksum = d->equivalent_checksum;
                                     if (has(offsetof(jw_migration_desc, location)) && d->location.data != nullptr)
                                         m.location.assign(d->location.data, d->location.size);
                                     out->ids.emplace_back(d->id, m.script);
                                     out->list.push_back(std::move(m));
                                 }};
    const std::vector<jw_option> options = to_options(settings);
    jw_error err = fresh_error();
    const jw_resolver_v1& table = instance_.library().resolver();
    const jw_status status = has_instances(table)
                                 ? table.resolve_in(instance_.handle(), options.data(), options.size(), sink, &err)
                                 : table.resolve(options.data(), options.size(), sink, &err);
    if (status != JW_OK) throw_failure(status, err, "resolver plugin '" + instance_.library().name() + "' failed");
    for (sdk::migration& m : found.list)
        if (m.location.empty()) m.location = instance_.library().file().string();
    found_ = std::move(found.ids);
    return std::move(found.list);
}

void plugin_resolver::migrate(std::size_t index, sdk::statement_runner& runner) {
    const auto& [id, script] = found_.at(index);
    jw_error err = fresh_error();
    const jw_resolver_v1& table = instance_.library().resolver();
    const jw_status status = has_instances(table) ? table.execute_in(instance_.handle(), id, runner.c_runner(), &err)
                                                  : table.execute(id, runner.c_runner(), &err);
    if (status != JW_OK) throw_failure(status, err, "Migration " + script + " failed");
}

sdk::transaction_mode plugin_resolver::transaction(std::size_t index, sdk::statement_runner& runner) {
    const jw_resolver_v1& table = instance_.library().resolver();
    const bool instances = has_instances(table);
    if (instances ? table.transaction_mode_in == nullptr : table.transaction_mode == nullptr)
        return sdk::transaction_mode::inside;
    const auto& [id, script] = found_.at(index);
    std::int32_t mode = JW_TX_INSIDE;
    jw_error err = fresh_error();
    const jw_status status = instances ? table.transaction_mode_in(instance_.handle(), id, runner.c_runner(), &mode, &err)
                                       : table.transaction_mode(id, runner.c_runner(), &mode, &err);
    if (status != JW_OK) throw_failure(status, err, "Migration " + script + " failed");
    if (mode != JW_TX_INSIDE && mode != JW_TX_OUTSIDE && mode != JW_TX_NOT_USED)
        throw sdk::error(JW_E_INVALID_ARGUMENT, "resolver plugin '" + instance_.library().name() + "' gave migration " + script +
                                                    " an unknown transaction mode " + std::to_string(mode));
    return static_cast<sdk::transaction_mode>(mode);
}

}  // namespace jetway::core
