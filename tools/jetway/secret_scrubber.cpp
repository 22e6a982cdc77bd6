// SPDX-License-Identifier: Apache-2.0
#include "secret_scrubber.hpp"
#include <jetway/core/connection_url.hpp>
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
    add(config.check_build_password);
    const core::url_credentials found = core::find_url_credentials(config.url);
    if (found.password) add(std::string(*found.password));
    for (const std::string_view secret : found.secret_parameters) add(std::string(secret));
}

std::string scrub_secrets(std::string text) {
    std::lock_guard lock(secrets_mutex);
    for (const std::string& secret : secrets())
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
            text.replace(at, secret.size(), core::masked_secret);
    return text;
}

}  // namespace jetway::cli
