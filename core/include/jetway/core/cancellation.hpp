// SPDX-License-Identifier: Apache-2.0
// A run's stop button, pressed from any thread (libjetway's jetway_cancel): the run checks it
// before each statement, and the statement running on the session's connection is interrupted
// through its driver, where the driver can.
#pragma once

#include <atomic>
#include <mutex>

namespace jetway::core {

class database_connection;

class cancellation {
 public:
    /// Any thread: no statement starts after this, and the one running is asked to stop.
    void cancel();
    bool requested() const noexcept { return requested_.load(std::memory_order_relaxed); }
    /// Ready for the next run.
    void reset() noexcept { requested_.store(false); }

    /// The session's connection while it is open, so cancel() can interrupt it; detach before
    /// it closes (cancel() holds the same lock while it calls the driver).
    void attach(database_connection* connection);
    void detach() noexcept;

 private:
    std::atomic<bool> requested_{false};
    std::mutex mutex_;
    database_connection* connection_ = nullptr;
};

}  // namespace jetway::core
