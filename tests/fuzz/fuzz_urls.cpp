// SPDX-License-Identifier: Apache-2.0
// Fuzzes every URL parser: the core's scheme and redaction, and the three drivers' own parsers.
// Oracle for redaction: a password placed in a URL's user info and query never survives
// redact_url, whatever the fuzzer put around it.
#include <jetway/core/connection_url.hpp>
#include <jetway/core/error.hpp>
#include <jetway/sdk/error.hpp>

#include "mysql_url.hpp"
#include "postgresql_url.hpp"
#include "sqlite_url.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

template <class Fn>
void tolerate_errors(Fn&& fn) {
    try {
        fn();
    } catch (const jetway::sdk::error&) {
    } catch (const jetway::core::error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string url(reinterpret_cast<const char*>(data), size);
    tolerate_errors([&] { (void)jetway::core::url_scheme(url); });
    tolerate_errors([&] { (void)jetway::core::redact_url(url); });
    tolerate_errors([&] { (void)jetway::sqlite::database_target_from_url(url); });
    tolerate_errors([&] { (void)jetway::pg::connection_keywords(url, {}); });
    tolerate_errors([&] { (void)jetway::mysql::parse_url(url, {}); });

    // The redaction oracle: fuzz text as host, path and query around a known password.
    static const char* schemes[] = {"jdbc:postgresql", "postgresql", "jdbc:mysql", "jdbc:mariadb", "jdbc:sqlite"};
    const std::string password = "Pw0rdXq7Zk9";
    std::string tail;
    for (const char c : url)
        if (c != '@' && c != '\n') tail += c;  // another '@' would make the password a host name
    // The fuzzer learns the constant and may put it where no secret is expected (a host name).
    if (tail.find(password) != std::string::npos) return 0;
    const std::string secret_url = std::string(schemes[size % 5]) + "://admin:" + password + "@" + tail +
                                   (tail.find('?') == std::string::npos ? "?" : "&") + "password=" + password;
    const std::string redacted = jetway::core::redact_url(secret_url);
    if (redacted.find(password) != std::string::npos) {
        std::fprintf(stderr, "password survived redaction: %s\n", redacted.c_str());
        std::abort();
    }
    return 0;
}
