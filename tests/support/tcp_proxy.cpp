// SPDX-License-Identifier: Apache-2.0
#include "tcp_proxy.hpp"

#include <string_view>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace jetway::test {
namespace {

sockaddr_in loopback(int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

}  // namespace

tcp_proxy::tcp_proxy(int upstream_port, int delay_ms) : upstream_port_(upstream_port), delay_ms_(delay_ms) {
    // Reserve a port now so the caller can name it before the proxy listens.
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in a = loopback(0);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("bind failed");
    socklen_t len = sizeof a;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    // Without a delay it listens before the constructor returns: a client started right after
    // must not race the thread and be refused.
    if (delay_ms_ <= 0) ::listen(listener_, 16);
    server_ = std::thread([this] { serve(); });
}

tcp_proxy::~tcp_proxy() {
    stop_ = true;
    cut();
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    if (server_.joinable()) server_.join();
    for (auto& t : pumps_)
        if (t.joinable()) t.join();
}

void tcp_proxy::cut() {
    std::lock_guard lock(mutex_);
    for (int s : sockets_) ::shutdown(s, SHUT_RDWR);
}

void tcp_proxy::serve() {
    // Until the delay is over the port is bound but not listening: connections are refused.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms_);
    while (!stop_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (stop_) return;
    if (delay_ms_ > 0) ::listen(listener_, 16);
    while (!stop_) {
        pollfd p{listener_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        const int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0) continue;
        ++accepted_;
        std::lock_guard lock(mutex_);
        pumps_.emplace_back([this, client] { pump(client); });
    }
}

void tcp_proxy::pump(int client) {
    const int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(upstream_port_);
    if (::connect(upstream, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(client);
        ::close(upstream);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        sockets_.push_back(client);
        sockets_.push_back(upstream);
    }
    char buffer[65536];
    bool server_spoke_last = true;  // a connection opens with the client's turn
    pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    while (!stop_) {
        if (::poll(fds, 2, 100) < 0) break;
        bool closed = false;
        for (int i = 0; i < 2 && !closed; ++i) {
            if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n <= 0) {
                closed = true;
                break;
            }
            // The client speaking after the server answered starts a new round trip.
            if (i == 0 && server_spoke_last) ++round_trips_;
            if (i == 1 && !server_spoke_last) ++answered_;
            if (i == 0 && !marker_.empty() && marked_at_ < 0 &&
                std::string_view(buffer, static_cast<std::size_t>(n)).find(marker_) != std::string_view::npos)
                marked_at_ = answered_.load();
            server_spoke_last = i == 1;
            const int to = fds[1 - i].fd;
            for (ssize_t sent = 0; sent < n;) {
                // MSG_NOSIGNAL: a peer that already hung up must not kill the test with SIGPIPE.
                const ssize_t w = ::send(to, buffer + sent, static_cast<std::size_t>(n - sent), MSG_NOSIGNAL);
                if (w <= 0) {
                    closed = true;
                    break;
                }
                sent += w;
            }
        }
        if (closed) break;
    }
    ::shutdown(client, SHUT_RDWR);
    ::shutdown(upstream, SHUT_RDWR);
    std::lock_guard lock(mutex_);
    ::close(client);
    ::close(upstream);
    std::erase(sockets_, client);
    std::erase(sockets_, upstream);
}

}  // namespace jetway::test
