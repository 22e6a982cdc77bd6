// SPDX-License-Identifier: Apache-2.0
// Connections kept open from one engine to the next: a fleet's targets that are schemas of one
// database take turns on a few sessions instead of opening (and authenticating, and setting up
// TLS for) one each.
#pragma once

#include <jetway/core/database_connection.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace jetway::core {

/// Safe to share between threads. Holds idle connections only; each is used by one engine at a
/// time. Whatever it still holds closes with it.
class connection_pool {
 public:
    /// An idle connection opened with the same `key` (URL, credentials, options), or null.
    std::unique_ptr<database_connection> take(const std::string& key);
    /// Keeps `connection` for the next engine that asks with `key`.
    void give_back(const std::string& key, std::unique_ptr<database_connection> connection);

 private:
    std::mutex mutex_;
    std::multimap<std::string, std::unique_ptr<database_connection>> idle_;
};

}  // namespace jetway::core
