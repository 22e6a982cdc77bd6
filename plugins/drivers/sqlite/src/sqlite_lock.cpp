// SPDX-License-Identifier: Apache-2.0
// The migration lock: an open-file-description lock on one byte of the database file that
// holds the history table, far beyond anything SQLite locks itself. It lasts across
// transactions (a non-transactional migration, a program that connects by itself) where
// BEGIN IMMEDIATE's write lock does not, and the kernel drops it when its holder dies.
// Not flock(): on NFS that becomes a whole-file lock and would release SQLite's own locks.
// Not a classic POSIX lock: closing any descriptor of the file would drop those.
#include "sqlite_connection.hpp"

#include <jetway/sdk/error.hpp>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

namespace jetway::sqlite {
namespace {

// Far above SQLite's lock bytes (1 GiB + 512) and any real file size.
constexpr off_t lock_offset = off_t{1} << 62;

struct flock lock_request(short type) {
    struct flock request {};
    request.l_type = type;
    request.l_whence = SEEK_SET;
    request.l_start = lock_offset;
    request.l_len = 1;
    return request;
}

// The schema of `"schema"."table"` as SQLite names it (doubled quotes undone).
std::string schema_of(std::string_view quoted_table) {
    if (quoted_table.empty() || quoted_table.front() != '"') return "main";
    std::string schema;
    for (std::size_t i = 1; i < quoted_table.size(); ++i) {
        if (quoted_table[i] == '"') {
            if (i + 1 < quoted_table.size() && quoted_table[i + 1] == '"') {
                schema += '"';
                ++i;
                continue;
            }
            return schema;
        }
        schema += quoted_table[i];
    }
    return "main";
}

// Who holds the lock (best effort, "another process"). The kernel's list of locks shows no
// owner for this kind of lock, but each process's fdinfo lists the locks of its descriptors.
std::string holder_of(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return "another process";
    const std::string inode = ":" + std::to_string(st.st_ino) + " " + std::to_string(lock_offset) + " ";
    std::error_code ec;
    for (const auto& process : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string pid = process.path().filename().string();
        if (pid.find_first_not_of("0123456789") != std::string::npos || pid == std::to_string(::getpid())) continue;
        std::error_code inner;
        for (const auto& info : std::filesystem::directory_iterator(process.path() / "fdinfo", inner)) {
            std::ifstream in(info.path());
            std::string line;
            while (std::getline(in, line))
                if (line.find("OFDLCK") != std::string::npos && line.find("WRITE") != std::string::npos &&
                    line.find(inode) != std::string::npos)
                    return "process " + pid;
        }
    }
    return "another process";
}

}  // namespace

void sqlite_connection::acquire_lock(std::string_view table, int retry_count) {
    const std::string schema = schema_of(table);
    const char* file = sqlite3_db_filename(db_, schema.c_str());
    // An in-memory or temporary database: no other process can reach it.
    if (file == nullptr || *file == '\0') return;
    auto found = lock_files_.find(file);
    if (found == lock_files_.end()) {
        // Open for writing: the kernel grants a write lock only on such a descriptor.
        const int fd = ::open(file, O_RDWR | O_CLOEXEC);
        if (fd < 0)
            throw sdk::error(JW_E_CONNECTION, "cannot open SQLite database '" + std::string(file) +
                                                    "' to lock it: " + std::strerror(errno));
        found = lock_files_.emplace(file, fd).first;
    }
    const int fd = found->second;
    struct flock request = lock_request(F_WRLCK);
    // Polled rather than waited for, so lockRetryCount bounds the wait as on the servers
    // (one retry a second).
    const auto poll = std::chrono::milliseconds(10);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(retry_count < 0 ? 0 : retry_count);
    for (;;) {
        if (::fcntl(fd, F_OFD_SETLK, &request) == 0) {
            locked_fd_ = fd;
            return;
        }
        if (errno != EAGAIN && errno != EACCES && errno != EINTR)
            throw sdk::error(JW_E_CONNECTION, "cannot lock SQLite database '" + std::string(file) + "': " + std::strerror(errno));
        if (retry_count >= 0 && std::chrono::steady_clock::now() >= deadline)
            throw sdk::error(JW_E_LOCK_TIMEOUT,
                             "Number of retries exceeded while attempting to acquire the migration lock of SQLite database '" +
                                 std::string(file) + "'. Configure the number of retries with the 'lockRetryCount' "
                                 "configuration option. The lock on " + std::string(table) + " is held by " + holder_of(fd));
        std::this_thread::sleep_for(poll);
    }
}

void sqlite_connection::release_lock() {
    if (locked_fd_ < 0) return;
    struct flock request = lock_request(F_UNLCK);
    // The descriptor stays open until the connection closes: SQLite's own POSIX locks on the
    // file would go with it.
    ::fcntl(locked_fd_, F_OFD_SETLK, &request);
    locked_fd_ = -1;
}

void sqlite_connection::close_lock_files() noexcept {
    for (const auto& [file, fd] : lock_files_) ::close(fd);
    lock_files_.clear();
    locked_fd_ = -1;
}

}  // namespace jetway::sqlite
