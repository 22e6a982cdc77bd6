// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/connection_pool.hpp>

namespace jetway::core {

std::unique_ptr<database_connection> connection_pool::take(const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto it = idle_.find(key);
    if (it == idle_.end()) return nullptr;
    std::unique_ptr<database_connection> connection = std::move(it->second);
    idle_.erase(it);
    return connection;
}

void connection_pool::give_back(const std::string& key, std::unique_ptr<database_connection> connection) {
    if (!connection) return;
    std::lock_guard lock(mutex_);
    idle_.emplace(key, std::move(connection));
}

}  // namespace jetway::core
