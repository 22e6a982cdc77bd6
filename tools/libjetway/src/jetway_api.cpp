// SPDX-License-Identifier: Apache-2.0
// The C API of jetway/jetway.h over the engine the CLI runs: an engine is settings and the
// plugins they reach; each run is `jetway -outputType=json <commands>` without the printing.
// Nothing thrown crosses: every failure becomes a result.
#include <jetway/jetway.h>

#include "command_table.hpp"
#include "log_routing.hpp"
#include "process_environment.hpp"
#include "result_document.hpp"
#include "secret_scrubber.hpp"
#include "single_run.hpp"

#include <jetway/core/cancellation.hpp>
#include <jetway/core/configuration.hpp>
#include <jetway/core/engine.hpp>
#include <jetway/core/error.hpp>
#include <jetway/core/plugin_registry.hpp>
#include <jetway/core/plugin_search_path.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <vector>

struct jetway_engine {
    // First, so it goes last: plugins unloaded with the registry may still log.
    jetway::library::routing_registration routing;
    jetway::library::log_target log;
    jetway::core::configuration config;
    std::map<std::string, std::string> environment;  // the process's: scripts and drivers see it
    std::unique_ptr<jetway::core::plugin_registry> registry;
    jetway::core::cancellation cancel;
};

namespace jetway::library {

// jetway_options as API 1.0 defined it; minor versions append fields after these.
constexpr std::size_t first_options_size = offsetof(jetway_options, log_level) + sizeof(int);

namespace {


jetway_result* failure_result(const std::exception_ptr& failure) {
    return make_result(cli::error_document(failure), 1);
}

jetway_result* usage_failure(const std::string& message) {
    return failure_result(std::make_exception_ptr(core::error(core::error_code::usage, message)));
}

// Settings that shape the CLI's printing have no meaning where the result is returned.
void warn_about_output_settings(const core::configuration& config) {
    for (const char* key : {"outputType", "outputFile", "outputLogsInJson", "color"})
        if (const auto origin = config.origins.find(key); origin != config.origins.end())
            spdlog::warn("{} ({}) has no effect in libjetway: the run's result is returned to the program", key,
                         origin->second);
}

core::configuration_inputs inputs_from(const jetway_options& options, std::map<std::string, std::string>& process_env) {
    core::configuration_inputs in;
    for (std::size_t i = 0; i < options.setting_count; ++i) {
        const char* key = options.settings[2 * i];
        const char* value = options.settings[2 * i + 1];
        if (key == nullptr || value == nullptr)
            throw core::error(core::error_code::configuration, "Setting " + std::to_string(i + 1) + " has no " +
                                                                   (key == nullptr ? "key" : "value for " + std::string(key)));
        in.arguments.emplace_back(key[0] == '-' ? key + 1 : key, value);
    }
    if (options.read_environment != 0) in.environment = process_env;
    in.install_root = core::installation_root();
    in.read_default_files = options.read_config_files != 0;
    if (const auto home = process_env.find("HOME"); home != process_env.end() && in.read_default_files)
        in.home_directory = home->second;
    in.current_directory =
        options.working_directory != nullptr ? std::filesystem::path(options.working_directory) : std::filesystem::current_path();
    return in;
}

std::vector<std::string> split_commands(const char* commands) {
    std::vector<std::string> list;
    std::istringstream in(commands == nullptr ? "" : commands);
    for (std::string word; in >> word;) list.push_back(word);
    return list;
}

}  // namespace
}  // namespace jetway::library

using namespace jetway;

extern "C" {

void jetway_options_init(jetway_options* options) {
    if (options == nullptr) return;
    std::memset(options, 0, sizeof(*options));
    options->size = sizeof(*options);
}

unsigned jetway_api_version(void) { return (JETWAY_API_MAJOR << 16) | JETWAY_API_MINOR; }

const char* jetway_version(void) { return JETWAY_VERSION; }

jetway_engine* jetway_engine_new(const jetway_options* given, jetway_result** failure) {
    if (failure != nullptr) *failure = nullptr;
    auto fail = [&](jetway_result* result) -> jetway_engine* {
        if (failure != nullptr) *failure = result;
        else jetway_result_free(result);
        return nullptr;
    };
    try {
        // Sizes first: a caller built against a later header may pass a longer struct (its
        // extra fields are not read); nothing shorter than the first version's exists.
        jetway_options options;
        jetway_options_init(&options);
        if (given == nullptr) return fail(library::usage_failure("jetway_engine_new: no options"));
        if (given->size < library::first_options_size)
            return fail(library::usage_failure("jetway_engine_new: options of size " + std::to_string(given->size) +
                                               " (the smallest is " + std::to_string(library::first_options_size) +
                                               "); initialise them with jetway_options_init"));
        std::memcpy(&options, given, std::min(given->size, sizeof(options)));
        options.size = sizeof(options);

        auto engine = std::make_unique<jetway_engine>();
        engine->log = {options.log, options.log_context, options.log_level == 0 ? JETWAY_LOG_INFO : options.log_level};
        const library::log_scope scope(&engine->log);
        engine->environment = cli::process_environment();
        const core::configuration_inputs inputs = library::inputs_from(options, engine->environment);
        engine->config = core::load_configuration(inputs);
        cli::register_secrets(engine->config);
        library::warn_about_output_settings(engine->config);
        engine->config.output_type = "json";
        engine->registry = std::make_unique<core::plugin_registry>(
            core::plugin_search_path(inputs.install_root, engine->config.jar_dirs, engine->config.working_directory),
            core::engine::plugin_script_services());
        if (engine->log.least_level <= JETWAY_LOG_DEBUG && engine->log.log != nullptr) library::want_debug_lines(true);
        return engine.release();
    } catch (const std::bad_alloc&) {
        return fail(nullptr);
    } catch (...) {
        return fail(library::failure_result(std::current_exception()));
    }
}

jetway_result* jetway_run(jetway_engine* engine, const char* commands) {
    try {
        if (engine == nullptr) return library::usage_failure("jetway_run: no engine");
        const library::log_scope scope(&engine->log);
        const std::vector<std::string> list = library::split_commands(commands);
        if (list.empty()) return library::usage_failure("jetway_run: no command given");
        for (const std::string& command : list)
            if (cli::find_command(command) == nullptr) return library::usage_failure("Invalid argument: " + command);
        cli::run_outcome outcome =
            cli::run_commands(list, engine->config, *engine->registry, engine->environment, true, &engine->cancel);
        // A cancel reaches the run it was meant for, or the next one; never a later one.
        engine->cancel.reset();
        if (outcome.failure) return library::failure_result(outcome.failure);
        return library::make_result(outcome.document, outcome.exit_code);
    } catch (const std::bad_alloc&) {
        return nullptr;
    } catch (...) {
        return library::failure_result(std::current_exception());
    }
}

void jetway_cancel(jetway_engine* engine) {
    if (engine != nullptr) engine->cancel.cancel();
}

void jetway_engine_free(jetway_engine* engine) {
    if (engine == nullptr) return;
    if (engine->log.least_level <= JETWAY_LOG_DEBUG && engine->log.log != nullptr) library::want_debug_lines(false);
    const library::log_scope scope(&engine->log);  // plugins may log while they are unloaded
    delete engine;
}

const char* jetway_result_json(const jetway_result* r) { return r == nullptr ? "" : r->json.c_str(); }
int jetway_result_success(const jetway_result* r) { return r == nullptr ? 0 : r->success; }
int jetway_result_exit_code(const jetway_result* r) { return r == nullptr ? 1 : r->exit_code; }
long long jetway_result_migrations_executed(const jetway_result* r) { return r == nullptr ? 0 : r->migrations_executed; }
const char* jetway_result_initial_version(const jetway_result* r) { return r == nullptr ? "" : r->initial_version.c_str(); }
const char* jetway_result_target_version(const jetway_result* r) { return r == nullptr ? "" : r->target_version.c_str(); }
const char* jetway_result_error_code(const jetway_result* r) {
    return r == nullptr || !r->failed ? nullptr : r->error_code.c_str();
}
const char* jetway_result_error_message(const jetway_result* r) {
    return r == nullptr || !r->failed ? nullptr : r->error_message.c_str();
}
void jetway_result_free(jetway_result* r) { delete r; }

}  // extern "C"
