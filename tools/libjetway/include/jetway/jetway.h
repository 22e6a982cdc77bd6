/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libjetway: Jetway's engine for programs that migrate their own database, behind a C API.
 *
 *   jetway_options options;
 *   jetway_options_init(&options);
 *   const char* settings[] = {"url", "jdbc:sqlite:app.db", "locations", "filesystem:sql"};
 *   options.settings = settings;
 *   options.setting_count = 2;                          (pairs, not strings)
 *   jetway_result* failure = NULL;
 *   jetway_engine* engine = jetway_engine_new(&options, &failure);
 *   jetway_result* result = jetway_run(engine, "migrate");
 *   if (!jetway_result_success(result)) fprintf(stderr, "%s\n", jetway_result_error_message(result));
 *   jetway_result_free(result);
 *   jetway_engine_free(engine);
 *
 * Settings are flyway.conf's keys, with or without "flyway." (url, user, password, schemas,
 * locations, placeholders.x, jarDirs ...). They are all the engine reads unless the options ask
 * for FLYWAY_* variables (read_environment) or for the configuration files the command reads
 * (read_config_files: conf/flyway.conf of the installation, ~/flyway.conf, ./flyway.conf or
 * flyway.toml); configFiles=... among the settings is always read. Precedence is the CLI's:
 * settings over environment over files.
 *
 * Plugins (database drivers, resolvers, callbacks) are found as the jetway command finds them:
 * jars/ beside the directory that holds libjetway.so (<prefix>/lib/../jars), then jarDirs.
 *
 * Results: each run gives the JSON document `jetway -outputType=json <command>` prints (the
 * same keys, the same error object), and typed accessors for the fields most programs check.
 *
 * Threads: an engine is used by one thread at a time; any number of engines may run at once on
 * as many threads. jetway_cancel may be called from any thread while jetway_run runs. Log lines
 * logged while jetway_run runs are delivered to that engine's callback, on the running thread,
 * passwords masked.
 *
 * Errors never cross as exceptions: every failure is a result with success 0, an error code
 * (the command's, Flyway's names: DB_ERROR for a statement that failed, DB_CONNECTION,
 * CONFIGURATION, VALIDATE_ERROR, CANCELLED, DRIFT for a check that found drift ...) and a message.
 *
 * Compatibility follows the plugin ABI's rules: JETWAY_API_MAJOR changes only when something is
 * removed or changes meaning; a minor version only appends (functions, jetway_options fields at
 * the end). jetway_options starts with its own size, so a program built against an older header
 * keeps working with a newer library.
 */
#ifndef JETWAY_JETWAY_H
#define JETWAY_JETWAY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define JETWAY_API_MAJOR 1
#define JETWAY_API_MINOR 0

#if defined(__GNUC__)
#define JETWAY_EXPORT __attribute__((visibility("default")))
#else
#define JETWAY_EXPORT
#endif

typedef struct jetway_engine jetway_engine;
typedef struct jetway_result jetway_result;

/* Levels of log lines, lowest first. */
enum jetway_log_level {
    JETWAY_LOG_DEBUG = 1,
    JETWAY_LOG_INFO = 2,
    JETWAY_LOG_WARN = 3,
    JETWAY_LOG_ERROR = 4
};

/* Receives one log line (no trailing newline). `message` is valid during the call only. */
typedef void (*jetway_log_fn)(void* context, int level, const char* message);

typedef struct jetway_options {
    size_t size;                  /* sizeof(jetway_options) as the caller compiled it: set by jetway_options_init */
    const char* const* settings;  /* key, value, key, value ...: setting_count pairs */
    size_t setting_count;
    int read_environment;         /* nonzero: FLYWAY_* variables apply, as for the command */
    int read_config_files;        /* nonzero: the configuration files the command reads apply */
    const char* working_directory;/* relative paths (locations, configFiles ...) are read from here; NULL: the process's */
    jetway_log_fn log;            /* NULL: log lines are dropped */
    void* log_context;            /* given back to `log` */
    int log_level;                /* the least level delivered (jetway_log_level); 0: JETWAY_LOG_INFO */
} jetway_options;

/* Zeroes `options` and sets its size. */
JETWAY_EXPORT void jetway_options_init(jetway_options* options);

/* (JETWAY_API_MAJOR << 16) | JETWAY_API_MINOR of the library loaded, which may be newer than the header. */
JETWAY_EXPORT unsigned jetway_api_version(void);
/* Jetway's version, "0.1.0". */
JETWAY_EXPORT const char* jetway_version(void);

/* Reads the settings. On success returns an engine and leaves *failure NULL; on failure
 * (an unknown setting, a bad value, an unreadable configuration file, an options struct of an
 * unknown size) returns NULL and, when `failure` is not NULL, sets it to a result to free.
 * Connects to nothing: the first run does. */
JETWAY_EXPORT jetway_engine* jetway_engine_new(const jetway_options* options, jetway_result** failure);

/* Runs one command or several, separated by spaces ("migrate", "info", "clean migrate info"),
 * as `jetway <commands>` on one connection. Returns a result to free (NULL only when memory
 * ran out). Commands: migrate info validate baseline repair clean undo check testConnection add
 * init plugins: every command of `jetway` that has a JSON document. */
JETWAY_EXPORT jetway_result* jetway_run(jetway_engine* engine, const char* commands);

/* Asks the run in progress on `engine` to stop: no statement starts after this, the one running
 * is interrupted where the driver can (PostgreSQL and SQLite; on MySQL/MariaDB it finishes), and
 * the migration fails (rolled back where the database can) with error code CANCELLED. Safe from
 * any thread, also when nothing runs (then the next run stops before its first statement). */
JETWAY_EXPORT void jetway_cancel(jetway_engine* engine);

/* Closes the engine; no run may be in progress on it. NULL is ignored. */
JETWAY_EXPORT void jetway_engine_free(jetway_engine* engine);

/* The JSON document `jetway -outputType=json` prints for these commands: a command's result,
 * {"individualResults": [...]} for several, or {"error": {...}} (also a failed migrate's own
 * document, with "success": false and the error inside). */
JETWAY_EXPORT const char* jetway_result_json(const jetway_result* result);
/* 1 when every command ended well, else 0. */
JETWAY_EXPORT int jetway_result_success(const jetway_result* result);
/* The exit code `jetway` would return: 0 success, 1 failure or drift found. */
JETWAY_EXPORT int jetway_result_exit_code(const jetway_result* result);
/* Migrations migrate applied (the sum over the commands); 0 when no migrate ran. */
JETWAY_EXPORT long long jetway_result_migrations_executed(const jetway_result* result);
/* The schema version before and after the run ("" when the schema had none): migrate's
 * initialSchemaVersion and targetSchemaVersion, info's schemaVersion for both. */
JETWAY_EXPORT const char* jetway_result_initial_version(const jetway_result* result);
JETWAY_EXPORT const char* jetway_result_target_version(const jetway_result* result);
/* Flyway's error code and the message, or NULL on success. */
JETWAY_EXPORT const char* jetway_result_error_code(const jetway_result* result);
JETWAY_EXPORT const char* jetway_result_error_message(const jetway_result* result);
/* NULL is ignored. */
JETWAY_EXPORT void jetway_result_free(jetway_result* result);

#ifdef __cplusplus
}
#endif

#endif /* JETWAY_JETWAY_H */
