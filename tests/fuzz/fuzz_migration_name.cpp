// SPDX-License-Identifier: Apache-2.0
// Fuzzes the migration file-name parser and version parser with Flyway's default prefixes,
// separators and suffixes. Oracle: a parsed versioned name's version text parses again to the
// same version.
#include <jetway/core/configuration.hpp>
#include <jetway/core/error.hpp>
#include <jetway/core/migration_version.hpp>

#include "resolve/migration_name.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const jetway::core::configuration config{};
    const std::string name(reinterpret_cast<const char*>(data), size);
    try {
        const auto result = jetway::core::parse_migration_name(name, config);
        if (result.name && result.name->version) {
            const auto again = jetway::core::migration_version::parse(result.name->version->text());
            if (!(again == *result.name->version)) {
                std::fprintf(stderr, "version %s does not round-trip\n", result.name->version->text().c_str());
                std::abort();
            }
        }
    } catch (const jetway::core::error&) {
    }
    return 0;
}
