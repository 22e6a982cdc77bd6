// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/connection_url.hpp>
#include <jetway/core/fleet_scheduler.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace jetway::core {
namespace {

// The targets still to start, queued per server, and what runs on each server now.
class fleet_queue {
 public:
    fleet_queue(const std::vector<fleet_target>& targets, const fleet_limits& limits)
        : limits_(limits), started_(targets.size(), false) {
        servers_.reserve(targets.size());
        for (std::size_t i = 0; i < targets.size(); ++i) {
            servers_.push_back(url_server(targets[i].url));
            waiting_[servers_.back()].push_back(i);
        }
        remaining_ = targets.size();
    }

    /// The next target to run, or npos when there is nothing left to start.
    std::size_t take(const std::atomic<bool>* stop) {
        std::unique_lock lock(mutex_);
        for (;;) {
            if (remaining_ == 0 || stopped_ || (stop != nullptr && stop->load())) return npos;
            // The server with the fewest running targets and room for one more goes first.
            std::deque<std::size_t>* best = nullptr;
            int best_running = 0;
            for (auto& [server, queue] : waiting_) {
                if (queue.empty()) continue;
                const int now = running_[server];
                if (!server.empty() && now >= limits_.max_per_server) continue;
                if (best == nullptr || now < best_running) {
                    best = &queue;
                    best_running = now;
                }
            }
            if (best != nullptr) {
                const std::size_t i = best->front();
                best->pop_front();
                ++running_[servers_[i]];
                --remaining_;
                started_[i] = true;
                return i;
            }
            changed_.wait(lock);  // every server with work is full: wait for one to finish
        }
    }

    void finish(std::size_t i, bool succeeded) {
        {
            std::lock_guard lock(mutex_);
            --running_[servers_[i]];
            if (!succeeded && limits_.fail_fast) stopped_ = true;
        }
        changed_.notify_all();
    }

    std::vector<bool> started() const { return started_; }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
    fleet_limits limits_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::string> servers_;
    std::map<std::string, std::deque<std::size_t>> waiting_;
    std::map<std::string, int> running_;
    std::vector<bool> started_;
    std::size_t remaining_ = 0;
    bool stopped_ = false;
};

}  // namespace

int default_parallelism(const std::vector<fleet_target>& targets, int max_per_server) {
    std::map<std::string, int> per_server;
    for (const fleet_target& t : targets) ++per_server[url_server(t.url)];
    int total = 0;
    for (const auto& [server, count] : per_server) {
        // Files are work for this machine's cores; a server's targets mostly wait on it.
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        total += std::min(count, server.empty() ? cores : std::max(1, max_per_server));
    }
    return std::clamp(total, 1, 64);
}

std::vector<bool> run_fleet(const std::vector<fleet_target>& targets, const fleet_limits& limits,
                            const std::function<bool(std::size_t)>& job, const std::atomic<bool>* stop) {
    fleet_queue queue(targets, limits);
    const int parallel = limits.parallel > 0 ? limits.parallel : default_parallelism(targets, limits.max_per_server);
    const std::size_t workers = std::min<std::size_t>(static_cast<std::size_t>(parallel), targets.size());
    {
        std::vector<std::jthread> pool;
        pool.reserve(workers);
        for (std::size_t w = 0; w < workers; ++w)
            pool.emplace_back([&] {
                for (std::size_t i; (i = queue.take(stop)) != fleet_queue::npos;) queue.finish(i, job(i));
            });
    }  // joins every worker
    return queue.started();
}

}  // namespace jetway::core
