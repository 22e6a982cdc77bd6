// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/cancellation.hpp>
#include <jetway/core/database_connection.hpp>

#include <spdlog/spdlog.h>

#include <exception>

namespace jetway::core {

void cancellation::cancel() {
    requested_.store(true);
    const std::lock_guard lock(mutex_);
    if (connection_ == nullptr) return;
    try {
        connection_->interrupt();
    } catch (const std::exception& e) {
        // The run still stops before its next statement.
        spdlog::warn("Could not interrupt the statement running: {}", e.what());
    }
}

void cancellation::attach(database_connection* connection) {
    const std::lock_guard lock(mutex_);
    connection_ = connection;
}

void cancellation::detach() noexcept {
    const std::lock_guard lock(mutex_);
    connection_ = nullptr;
}

}  // namespace jetway::core
