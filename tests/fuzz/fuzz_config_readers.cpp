// SPDX-License-Identifier: Apache-2.0
// Fuzzes the flyway.conf and flyway.toml readers. The first byte picks the reader. Anything
// but core::error escaping, a crash or a sanitizer report is a finding.
#include <jetway/core/error.hpp>

#include "config/config_readers.hpp"

#include <map>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    static const std::map<std::string, std::string> environment{{"HOME", "/home/fuzz"}, {"DB_PASSWORD", "s3cret"}};
    try {
        if (data[0] % 2 == 0) jetway::core::read_conf_text(text, "fuzz.conf", environment);
        else jetway::core::read_toml_text(text, "fuzz.toml", environment);
    } catch (const jetway::core::error&) {
    }
    return 0;
}
