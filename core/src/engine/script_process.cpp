// SPDX-License-Identifier: Apache-2.0
#include "script_process.hpp"

#include <jetway/core/error.hpp>
#include <jetway/core/migration_resolver.hpp>

#include "session.hpp"
#include "../support/text.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <cctype>
#include <vector>

extern char** environ;

namespace jetway::core {
namespace {

std::vector<std::string> launcher(const session& s, const std::filesystem::path& script) {
    const std::string ext = to_lower(script.extension().string());
    const std::string path = script.string();
    if (ext == ".sh") return {"sh", path};
    if (ext == ".bash") return {"bash", path};
    if (ext == ".py") return {"python3", path};
    if (ext == ".cmd" || ext == ".bat") return {"cmd", "/c", path};
    if (ext == ".ps1") {
        const std::string& ps = s.config().powershell_executable;
        if (ps != "powershell" && ps != "pwsh")
            throw error(error_code::configuration,
                        "Invalid PowerShell executable: " + ps + ". Only 'powershell' or 'pwsh' are allowed.");
        return {ps, "-File", path};
    }
    // No extension: the file itself is the program; make it executable for its owner.
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) ::chmod(path.c_str(), st.st_mode | S_IXUSR);
    return {path};
}

}  // namespace

process_outcome run_script_process(session& s, const std::filesystem::path& script) {
    const std::vector<std::string> args = launcher(s, script);
    std::string joined;
    for (const auto& a : args) joined += (joined.empty() ? "" : " ") + a;
    spdlog::info("Executing {}", joined);

    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
    const configuration& c = s.config();
    if (!c.url.empty()) env.push_back("FLYWAY_URL=" + c.url);
    if (!c.user.empty()) env.push_back("FLYWAY_USER=" + c.user);
    if (!c.password.empty()) env.push_back("FLYWAY_PASSWORD=" + c.password);
    for (const auto& [name, value] : placeholders_for_file(s.placeholders(), script.filename().string(), c, true))
        if (!value.empty()) env.push_back(c.script_placeholder_prefix + name + c.script_placeholder_suffix + "=" + value);

    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);

    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) throw error(error_code::internal, "cannot create a pipe for " + script.string());
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addchdir_np(&actions, c.working_directory.c_str());
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (rc != 0) {
        ::close(pipe_fds[0]);
        throw error(error_code::resolution_failed, "Unable to start " + joined + ": " + std::strerror(rc));
    }
    process_outcome out;
    char buffer[8192];
    for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) out.output.append(buffer, static_cast<std::size_t>(n));
    ::close(pipe_fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (!out.output.empty()) spdlog::info("{}", out.output);
    return out;
}

}  // namespace jetway::core
