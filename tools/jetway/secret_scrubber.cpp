// SPDX-License-Identifier: Apache-2.0
#include "secret_scrubber.hpp"
#include <jetway/sdk/text.hpp>

#include <mutex>
#include <vector>

namespace jetway::cli {
namespace {

std::mutex secrets_mutex;
std::vector<std::string>& secrets() {
    static std::vector<std::string> list;
    return list;
}

void add(const std::string& secret) {
    // Shorter strings would blank out ordinary words; such passwords are not worth the noise.
    if (secret.size() < 3) return;
    std::lock_guard lock(secrets_mutex);
    secrets().push_back(secret);
    const std::string decoded = jetway::sdk::percent_decode(secret);
    if (decoded != secret) secrets().push_back(decoded);
}

}  // namespace

void register_secrets(const core::configuration& config) {
    add(config.password);
    const std::string& url = config.url;
    if (const std::size_t slashes = url.find("//"); slashes != std::string::npos) {
        const std::string rest = url.substr(slashes + 2);
        const std::size_t at = rest.rfind('@', rest.find('?'));
        if (at != std::string::npos) {
            const std::string userinfo = rest.substr(0, at);
            if (const std::size_t colon = userinfo.find(':'); colon != std::string::npos) add(userinfo.substr(colon + 1));
        }
    }
    for (const char* key : {"password=", "PASSWORD=", "Password="}) {
        for (std::size_t at = url.find(key); at != std::string::npos; at = url.find(key, at + 1)) {
            const std::size_t start = at + std::string(key).size();
            const std::size_t end = url.find_first_of("&;", start);
            add(url.substr(start, end == std::string::npos ? std::string::npos : end - start));
        }
    }
}

std::string scrub_secrets(std::string text) {
    std::lock_guard lock(secrets_mutex);
    for (const std::string& secret : secrets())
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
            text.replace(at, secret.size(), "***");
    return text;
}

}  // namespace jetway::cli
