// SPDX-License-Identifier: Apache-2.0
// Small text helpers every URL parser needs, for plugins and the host alike.
#pragma once

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

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

/// One key=value of a URL's query: both decoded, and the pair as written.
struct query_parameter {
    std::string key;
    std::string value;  // "true" for a key written without '='
    std::string_view raw;
};

/// The parameters of a URL's query (the text after '?'), split at any of `separators`; empty
/// pairs are skipped.
inline std::vector<query_parameter> query_parameters(std::string_view query, std::string_view separators = "&") {
    std::vector<query_parameter> out;
    while (!query.empty()) {
        const std::size_t end = query.find_first_of(separators);
        const std::string_view pair = query.substr(0, end);
        query = end == std::string_view::npos ? std::string_view{} : query.substr(end + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        out.push_back({percent_decode(pair.substr(0, eq)),
                       eq == std::string_view::npos ? std::string("true") : percent_decode(pair.substr(eq + 1)), pair});
    }
    return out;
}

}  // namespace jetway::sdk
