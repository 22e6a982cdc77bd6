// SPDX-License-Identifier: Apache-2.0
#include "plugin_callback.hpp"

namespace jetway::core {

plugin_callback::plugin_callback(std::shared_ptr<const plugin_library> library)
    : instance_(library, library->callback().open, library->callback().close, "callback") {}

bool plugin_callback::supports(std::string_view event) const {
    const jw_callback_v1& table = instance_.library().callback();
    const jw_str name{event.data(), event.size()};
    return (has_instances(table) ? table.supports_in(instance_.handle(), name) : table.supports(name)) != 0;
}

void plugin_callback::handle(std::string_view event, const sdk::properties& details, const sdk::properties& settings,
                             sdk::statement_runner& runner) {
    const std::vector<jw_option> detail_options = to_options(details);
    const std::vector<jw_option> setting_options = to_options(settings);
    jw_error err = fresh_error();
    const jw_callback_v1& table = instance_.library().callback();
    const jw_str name{event.data(), event.size()};
    const jw_status status =
        has_instances(table)
            ? table.handle_in(instance_.handle(), name, detail_options.data(), detail_options.size(),
                              setting_options.data(), setting_options.size(), runner.c_runner(), &err)
            : table.handle(name, detail_options.data(), detail_options.size(), setting_options.data(),
                           setting_options.size(), runner.c_runner(), &err);
    if (status != JW_OK) throw_failure(status, err, "plugin '" + instance_.library().name() + "'");
}

}  // namespace jetway::core
