// SPDX-License-Identifier: Apache-2.0
// A loopback TCP proxy for the network failure tests: forwards to a server, can cut every
// connection at once, and can start listening late (a server that comes up late).
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace jetway::test {

class tcp_proxy {
 public:
    /// Forwards 127.0.0.1:port() to 127.0.0.1:upstream_port. Listens after `delay_ms`.
    tcp_proxy(int upstream_port, int delay_ms = 0);
    ~tcp_proxy();
    tcp_proxy(const tcp_proxy&) = delete;
    tcp_proxy& operator=(const tcp_proxy&) = delete;

    int port() const noexcept { return port_; }
    /// Closes every connection now, as a network failure would; new ones still go through.
    void cut();
    /// How many client connections were accepted so far.
    int accepted() const noexcept { return accepted_; }
    /// Round trips so far, over all connections: each time a client sends after its server
    /// answered. A pipeline or a multi-statement query is one; a single statement is one too.
    int round_trips() const noexcept { return round_trips_; }
    /// Notes the first client chunk holding `text` (a statement sent unencrypted); then
    /// answered_round_trips_after_mark() counts the exchanges after that one's, for "so many
    /// round trips after connecting". Set before the client connects.
    void mark_when_client_sends(std::string text) { marker_ = std::move(text); }
    /// Round trips the server answered after the marked one (-1 when the marker never passed).
    /// A client's goodbye, which gets no answer, is not one.
    int answered_round_trips_after_mark() const noexcept {
        return marked_at_ < 0 ? -1 : answered_ - marked_at_ - 1;
    }

 private:
    void serve();
    void pump(int client);

    int upstream_port_;
    int delay_ms_;
    int port_ = 0;
    int listener_ = -1;
    std::atomic<bool> stop_{false};
    std::atomic<int> accepted_{0};
    std::atomic<int> round_trips_{0};
    std::atomic<int> answered_{0};
    std::atomic<int> marked_at_{-1};
    std::string marker_;
    std::mutex mutex_;
    std::vector<int> sockets_;
    std::vector<std::thread> pumps_;
    std::thread server_;
};

}  // namespace jetway::test
