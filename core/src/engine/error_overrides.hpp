// SPDX-License-Identifier: Apache-2.0
// errorOverrides (spec §10.10): STATE:CODE:BEHAVIOUR rules that turn chosen database errors into
// debug, info or warning lines (the statement then counts as done) or keep them errors.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace jetway::core {

struct error_override {
    std::string state;  // five-character SQLSTATE or "*"
    std::string code;   // vendor error code or "*"
    char behaviour = 'E';  // D, I, W or E
    bool hide_state_and_code = false;  // the "-" suffix

    /// Parses one rule; throws core::error (configuration) naming it when malformed.
    static error_override parse(const std::string& text);
};

/// The first rule that matches an error with `sqlstate` and `vendor_code`, if any.
std::optional<error_override> find_override(const std::vector<error_override>& rules,
                                            const std::string& sqlstate, int vendor_code);

}  // namespace jetway::core
