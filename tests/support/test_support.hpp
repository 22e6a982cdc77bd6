// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the suites: scratch directories and running real processes.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace jetway::test {

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class scratch_dir {
 public:
    scratch_dir();
    ~scratch_dir();
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    const std::filesystem::path& path() const noexcept { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
    std::filesystem::path path_;
};

/// Writes `content` to `file`, creating parent directories.
void write_file(const std::filesystem::path& file, const std::string& content);
std::string read_file(const std::filesystem::path& file);
/// `text` without leading and trailing whitespace.
std::string trim_copy(const std::string& text);

struct process_result {
    int exit_code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

/// Runs `argv` (argv[0] a path) with extra environment entries "K=V" and the given working
/// directory; waits and returns its exit code and both outputs. stdin is empty.
process_result run_process(const std::vector<std::string>& argv,
                           const std::vector<std::string>& env = {},
                           const std::filesystem::path& working_dir = {});

/// Calls `run` from `n` threads started together and returns each result, for races.
std::vector<process_result> run_together(std::size_t n, const std::function<process_result()>& run);

/// Copies build/bin/jetway, the libjetway it links and the named plugins of build/jars into `root`
/// as an install tree (root/bin/jetway, root/lib/, root/jars/...), so a test can change jars/
/// without touching the build.
void make_install_tree(const std::filesystem::path& root,
                       const std::vector<std::string>& plugins = {"libjw_driver_sqlite.so"});

}  // namespace jetway::test
