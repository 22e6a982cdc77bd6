// SPDX-License-Identifier: Apache-2.0
// Reads a plugin's metadata symbols from its ELF tables without mapping it for execution: no
// code of the plugin runs.
#include <jetway/core/error.hpp>
#include <jetway/core/plugin_metadata.hpp>
#include <jetway/plugin_abi.h>

#include "elf_symbols.hpp"

#include <algorithm>
#include <charconv>

namespace jetway::core {
namespace {

constexpr std::string_view prefix = "jw__";

bool starts_with(std::string_view text, std::string_view head) {
    return text.substr(0, head.size()) == head;
}

std::uint32_t to_number(std::string_view text) {
    std::uint32_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// "1_2_0" -> "1.2.0"
std::string dotted(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c == '_') c = '.';
    return out;
}

[[noreturn]] void refuse(const std::string& why) {
    throw error(error_code::plugin_load_failed, "not a Jetway plugin: " + why);
}

}  // namespace

plugin_metadata read_plugin_metadata(const std::filesystem::path& file) {
    elf_section_symbols found;
    try {
        found = read_elf_section_symbols(file, JW_METADATA_SECTION);
    } catch (const std::exception& e) {
        refuse(e.what());
    }
    if (!found.section_found) refuse("it has no '" JW_METADATA_SECTION "' metadata section");
    const std::vector<std::string>& symbols = found.symbols;

    plugin_metadata meta;
    bool has_api = false;
    for (const std::string& symbol : symbols) {
        std::string_view s = symbol;
        if (!starts_with(s, prefix)) continue;
        s.remove_prefix(prefix.size());
        const std::size_t sep = s.find("__");
        if (sep == std::string_view::npos) continue;
        const std::string_view key = s.substr(0, sep);
        const std::string_view value = s.substr(sep + 2);
        if (key == "kind") meta.kind = value;
        else if (key == "name") meta.name = value;
        else if (key == "version") meta.version = dotted(value);
        else if (key == "scheme") meta.schemes.emplace_back(value);
        else if (key == "api") {
            const std::size_t dot = value.find('_');
            meta.api_major = to_number(value.substr(0, dot));
            meta.api_minor = dot == std::string_view::npos ? 0 : to_number(value.substr(dot + 1));
            has_api = true;
        }
    }
    if (meta.name.empty() || meta.kind.empty() || !has_api)
        refuse("its '" JW_METADATA_SECTION "' section lacks the name, kind or API version symbols");
    std::sort(meta.schemes.begin(), meta.schemes.end());
    return meta;
}

std::string host_api_version() {
    return std::to_string(JW_PLUGIN_API_MAJOR) + "." + std::to_string(JW_PLUGIN_API_MINOR);
}

std::string host_api_range() {
    const std::string oldest = std::to_string(JW_PLUGIN_API_MAJOR) + ".0";
    return JW_PLUGIN_API_MINOR == 0 ? oldest : oldest + "-" + host_api_version();
}

std::string api_version_refusal(std::uint32_t api_major, std::uint32_t api_minor) {
    if (api_major == JW_PLUGIN_API_MAJOR && api_minor <= JW_PLUGIN_API_MINOR) return {};
    return "built for plugin API " + std::to_string(api_major) + "." + std::to_string(api_minor) +
           "; this jetway " JETWAY_VERSION " supports plugin API " + host_api_range() +
           ". Rebuild the plugin against the jetway SDK " + std::to_string(JW_PLUGIN_API_MAJOR) +
           ".x or use a jetway that supports it";
}

}  // namespace jetway::core
