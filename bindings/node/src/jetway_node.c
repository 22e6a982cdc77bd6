/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Node-API addon over libjetway's C API (jetway/jetway.h).
 *
 * JavaScript calls start(commands, settings, readEnvironment, readConfigFiles, workingDirectory,
 * logLevel, onLog) and gets { promise, handle }. The engine is made and run on a libuv worker
 * thread (napi_async_work), so the event loop keeps turning. Log lines travel to the main thread
 * through a thread-safe function. cancel(handle) may be called at any time, also before the
 * engine exists or after the run ended.
 *
 * The promise always resolves with { json, success, exitCode, errorCode, errorMessage }:
 * index.js parses the document and decides between resolving and throwing JetwayError.
 *
 * Lifetime of a job: a strong reference to its handle (an external) is held from start until
 * the promise is settled, so the finalizer that frees the job never runs under a live run; after
 * that the job lives as long as JavaScript holds the handle (e.g. in an abort listener).
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <jetway/jetway.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct job {
    /* What the worker reads: owned copies, freed when the promise settles. */
    char** settings; /* key, value, key, value ... */
    size_t pairs;
    char* commands;
    char* working_directory; /* NULL: the process's */
    int read_environment;
    int read_config_files;
    int log_level;

    napi_async_work work;
    napi_deferred deferred;
    napi_threadsafe_function log_tsfn; /* NULL when no onLog */
    napi_ref handle_ref;               /* strong until settled */
    napi_ref outcome_ref;              /* the value to resolve with, while log lines drain */

    /* Shared between the worker and cancel(): the engine exists only during the run. */
    pthread_mutex_t lock;
    jetway_engine* engine;
    int cancel_requested;

    jetway_result* result; /* written by the worker, read by complete */
} job;

typedef struct log_line {
    int level;
    char message[];
} log_line;

/* ---- small helpers -------------------------------------------------------------------- */

static void throw_status(napi_env env, const char* what) {
    const napi_extended_error_info* info = NULL;
    napi_get_last_error_info(env, &info);
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (!pending)
        napi_throw_error(env, NULL, info && info->error_message ? info->error_message : what);
}

#define CHECK(env, call)                      \
    do {                                      \
        if ((call) != napi_ok) {              \
            throw_status((env), #call);       \
            return NULL;                      \
        }                                     \
    } while (0)

/* A malloc'd UTF-8 copy of a JavaScript string, or NULL (with an exception pending). */
static char* copy_string(napi_env env, napi_value value) {
    size_t length = 0;
    if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) {
        throw_status(env, "expected a string");
        return NULL;
    }
    char* text = malloc(length + 1);
    if (!text) {
        napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    napi_get_value_string_utf8(env, value, text, length + 1, &length);
    return text;
}

static void free_inputs(job* j) {
    for (size_t i = 0; i < 2 * j->pairs; i++) free(j->settings[i]);
    free(j->settings);
    j->settings = NULL;
    j->pairs = 0;
    free(j->commands);
    j->commands = NULL;
    free(j->working_directory);
    j->working_directory = NULL;
}

/* ---- the worker thread ---------------------------------------------------------------- */

/* libjetway's log callback: runs on the worker; queues a copy for the main thread. The queue is
 * unbounded, so a nonblocking call never waits on JavaScript. */
static void on_log(void* context, int level, const char* message) {
    job* j = context;
    size_t length = strlen(message);
    log_line* line = malloc(sizeof *line + length + 1);
    if (!line) return;
    line->level = level;
    memcpy(line->message, message, length + 1);
    if (napi_call_threadsafe_function(j->log_tsfn, line, napi_tsfn_nonblocking) != napi_ok) free(line);
}

static void execute(napi_env env, void* data) {
    (void)env; /* no JavaScript may be touched here */
    job* j = data;
    jetway_options options;
    jetway_options_init(&options);
    options.settings = (const char* const*)j->settings;
    options.setting_count = j->pairs;
    options.read_environment = j->read_environment;
    options.read_config_files = j->read_config_files;
    options.working_directory = j->working_directory;
    options.log_level = j->log_level;
    if (j->log_tsfn) {
        options.log = on_log;
        options.log_context = j;
    }

    jetway_result* failure = NULL;
    jetway_engine* engine = jetway_engine_new(&options, &failure);
    if (!engine) {
        j->result = failure; /* NULL too: complete reports it */
        return;
    }
    /* Publish the engine to cancel(); a cancel that came before it is passed on now, and the
     * library then stops the run before its first statement. */
    pthread_mutex_lock(&j->lock);
    j->engine = engine;
    if (j->cancel_requested) jetway_cancel(engine);
    pthread_mutex_unlock(&j->lock);

    j->result = jetway_run(engine, j->commands);

    /* Withdraw the engine before freeing it, so cancel() never sees a freed one. */
    pthread_mutex_lock(&j->lock);
    j->engine = NULL;
    pthread_mutex_unlock(&j->lock);
    jetway_engine_free(engine);
}

/* ---- back on the main thread ---------------------------------------------------------- */

static void set_string(napi_env env, napi_value object, const char* name, const char* text) {
    napi_value value;
    if (text)
        napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &value);
    else
        napi_get_null(env, &value);
    napi_set_named_property(env, object, name, value);
}

static void set_int(napi_env env, napi_value object, const char* name, int number) {
    napi_value value;
    napi_create_int32(env, number, &value);
    napi_set_named_property(env, object, name, value);
}

static napi_value make_outcome(napi_env env, const jetway_result* result) {
    napi_value outcome, flag;
    napi_create_object(env, &outcome);
    if (!result) { /* libjetway gives no result only when memory ran out */
        set_string(env, outcome, "json", NULL);
        napi_get_boolean(env, false, &flag);
        napi_set_named_property(env, outcome, "success", flag);
        set_int(env, outcome, "exitCode", 1);
        set_string(env, outcome, "errorCode", "OUT_OF_MEMORY");
        set_string(env, outcome, "errorMessage", "libjetway returned no result: out of memory");
        return outcome;
    }
    set_string(env, outcome, "json", jetway_result_json(result));
    napi_get_boolean(env, jetway_result_success(result) != 0, &flag);
    napi_set_named_property(env, outcome, "success", flag);
    set_int(env, outcome, "exitCode", jetway_result_exit_code(result));
    set_string(env, outcome, "errorCode", jetway_result_error_code(result));
    set_string(env, outcome, "errorMessage", jetway_result_error_message(result));
    return outcome;
}

/* Resolves the promise and lets go of everything but the job itself (see the handle). */
static void settle(napi_env env, job* j, napi_value outcome) {
    napi_resolve_deferred(env, j->deferred, outcome);
    jetway_result_free(j->result);
    j->result = NULL;
    free_inputs(j);
    napi_delete_async_work(env, j->work);
    if (j->outcome_ref) napi_delete_reference(env, j->outcome_ref);
    napi_delete_reference(env, j->handle_ref);
}

static void complete(napi_env env, napi_status status, void* data) {
    (void)status; /* the work is never cancelled through napi_cancel_async_work */
    job* j = data;
    napi_value outcome = make_outcome(env, j->result);
    if (!j->log_tsfn) {
        settle(env, j, outcome);
        return;
    }
    /* Log lines queued by the worker may still be waiting: releasing the thread-safe function
     * lets them be delivered first, and its finalizer settles the promise after the last one. */
    napi_create_reference(env, outcome, 1, &j->outcome_ref);
    napi_release_threadsafe_function(j->log_tsfn, napi_tsfn_release);
}

static void log_tsfn_finalize(napi_env env, void* data, void* hint) {
    (void)hint;
    job* j = data;
    j->log_tsfn = NULL;
    napi_value outcome;
    if (j->outcome_ref && napi_get_reference_value(env, j->outcome_ref, &outcome) == napi_ok)
        settle(env, j, outcome);
}

/* Delivers one log line to the JavaScript callback (level number, message). */
static void call_log(napi_env env, napi_value callback, void* context, void* data) {
    (void)context;
    log_line* line = data;
    if (env && callback) {
        napi_value args[2], undefined, ignored;
        napi_create_int32(env, line->level, &args[0]);
        napi_create_string_utf8(env, line->message, NAPI_AUTO_LENGTH, &args[1]);
        napi_get_undefined(env, &undefined);
        if (napi_call_function(env, undefined, callback, 2, args, &ignored) == napi_pending_exception) {
            /* A throwing onLog is the program's error, like a throwing event listener. */
            napi_value error;
            napi_get_and_clear_last_exception(env, &error);
            napi_fatal_exception(env, error);
        }
    }
    free(line);
}

static void handle_finalize(napi_env env, void* data, void* hint) {
    (void)env;
    (void)hint;
    job* j = data;
    free_inputs(j); /* already empty unless start failed half-way */
    pthread_mutex_destroy(&j->lock);
    free(j);
}

/* ---- exported functions --------------------------------------------------------------- */

/* start(commands, settings[], readEnvironment, readConfigFiles, workingDirectory|null,
 *       logLevel, onLog|undefined) -> { promise, handle } */
static napi_value start(napi_env env, napi_callback_info info) {
    size_t argc = 7;
    napi_value argv[7];
    CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    if (argc < 7) {
        napi_throw_type_error(env, NULL, "start: 7 arguments expected");
        return NULL;
    }

    job* j = calloc(1, sizeof *j);
    if (!j) {
        napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&j->lock, NULL);
    napi_value handle;
    if (napi_create_external(env, j, handle_finalize, NULL, &handle) != napi_ok) {
        pthread_mutex_destroy(&j->lock);
        free(j);
        throw_status(env, "napi_create_external");
        return NULL;
    }
    /* From here on the handle's finalizer owns j, also on the error paths below. */

    if (!(j->commands = copy_string(env, argv[0]))) return NULL;

    uint32_t count = 0;
    CHECK(env, napi_get_array_length(env, argv[1], &count));
    if (count % 2) {
        napi_throw_type_error(env, NULL, "start: settings must be key/value pairs");
        return NULL;
    }
    j->settings = calloc(count ? count : 1, sizeof *j->settings);
    if (!j->settings) {
        napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    j->pairs = count / 2; /* entries not copied yet stay NULL, which free_inputs skips */
    for (uint32_t i = 0; i < count; i++) {
        napi_value element;
        CHECK(env, napi_get_element(env, argv[1], i, &element));
        if (!(j->settings[i] = copy_string(env, element))) return NULL;
    }

    bool flag = false;
    CHECK(env, napi_get_value_bool(env, argv[2], &flag));
    j->read_environment = flag;
    CHECK(env, napi_get_value_bool(env, argv[3], &flag));
    j->read_config_files = flag;

    napi_valuetype type;
    CHECK(env, napi_typeof(env, argv[4], &type));
    if (type == napi_string && !(j->working_directory = copy_string(env, argv[4]))) return NULL;

    int32_t level = 0;
    CHECK(env, napi_get_value_int32(env, argv[5], &level));
    j->log_level = level;

    napi_value name, promise;
    CHECK(env, napi_typeof(env, argv[6], &type));
    CHECK(env, napi_create_string_utf8(env, "jetway", NAPI_AUTO_LENGTH, &name));
    CHECK(env, napi_create_promise(env, &j->deferred, &promise));
    CHECK(env, napi_create_async_work(env, NULL, name, execute, complete, j, &j->work));
    /* Last, as it keeps the loop alive until released: made only when the work will run. */
    if (type == napi_function)
        CHECK(env, napi_create_threadsafe_function(env, argv[6], NULL, name, 0, 1, j, log_tsfn_finalize,
                                                   NULL, call_log, &j->log_tsfn));
    CHECK(env, napi_create_reference(env, handle, 1, &j->handle_ref));
    CHECK(env, napi_queue_async_work(env, j->work));

    napi_value out;
    CHECK(env, napi_create_object(env, &out));
    CHECK(env, napi_set_named_property(env, out, "promise", promise));
    CHECK(env, napi_set_named_property(env, out, "handle", handle));
    return out;
}

/* cancel(handle): asks the run to stop; harmless before it starts and after it ended. */
static napi_value cancel(napi_env env, napi_callback_info info) {
    size_t argc = 1;
    napi_value argv[1];
    CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    job* j = NULL;
    if (argc < 1 || napi_get_value_external(env, argv[0], (void**)&j) != napi_ok || !j) {
        napi_throw_type_error(env, NULL, "cancel: a handle from start() expected");
        return NULL;
    }
    pthread_mutex_lock(&j->lock);
    j->cancel_requested = 1;
    if (j->engine) jetway_cancel(j->engine);
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
    napi_property_descriptor functions[] = {
        {"start", NULL, start, NULL, NULL, NULL, napi_enumerable, NULL},
        {"cancel", NULL, cancel, NULL, NULL, NULL, napi_enumerable, NULL},
    };
    CHECK(env, napi_define_properties(env, exports, 2, functions));
    napi_value value;
    CHECK(env, napi_create_string_utf8(env, jetway_version(), NAPI_AUTO_LENGTH, &value));
    CHECK(env, napi_set_named_property(env, exports, "version", value));
    CHECK(env, napi_create_uint32(env, jetway_api_version(), &value));
    CHECK(env, napi_set_named_property(env, exports, "apiVersion", value));
    return exports;
}

NAPI_MODULE(jetway, init)
