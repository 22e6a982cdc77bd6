// SPDX-License-Identifier: Apache-2.0
#include "error_overrides.hpp"

#include <jetway/core/error.hpp>

namespace jetway::core {

error_override error_override::parse(const std::string& text) {
    const std::size_t first = text.find(':');
    const std::size_t second = first == std::string::npos ? std::string::npos : text.find(':', first + 1);
    auto invalid = [&] {
        return error(error_code::configuration,
                     "Invalid errorOverrides entry '" + text +
                         "': expected STATE:CODE:BEHAVIOUR, e.g. 42P07:0:W or *:1:I- (behaviour D, I, W or E, "
                         "an optional '-' hides the state and code)");
    };
    if (second == std::string::npos) throw invalid();
    error_override o;
    o.state = text.substr(0, first);
    o.code = text.substr(first + 1, second - first - 1);
    std::string behaviour = text.substr(second + 1);
    if (!behaviour.empty() && behaviour.back() == '-') {
        o.hide_state_and_code = true;
        behaviour.pop_back();
    }
    if (behaviour.size() != 1 || std::string("DIWE").find(behaviour[0]) == std::string::npos) throw invalid();
    if (o.state.empty() || o.code.empty()) throw invalid();
    o.behaviour = behaviour[0];
    return o;
}

std::optional<error_override> find_override(const std::vector<error_override>& rules, const std::string& sqlstate,
                                            int vendor_code) {
    for (const error_override& r : rules)
        if ((r.state == "*" || r.state == sqlstate) && (r.code == "*" || r.code == std::to_string(vendor_code))) return r;
    return std::nullopt;
}

}  // namespace jetway::core
