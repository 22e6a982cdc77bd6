// SPDX-License-Identifier: Apache-2.0
// Small text helpers every URL parser needs, for plugins and the host alike.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace jetway::sdk {

/// %XX escapes of a URL part decoded; anything that is not a valid escape is kept as written.
inline std::string percent_decode(std::string_view text) {
    auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10); };
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace jetway::sdk
