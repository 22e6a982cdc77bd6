/* SPDX-License-Identifier: Apache-2.0
 *
 * jetway/plugin_abi.h: the one binary contract between Jetway and its plugins.
 *
 * Rules that keep old plugins loading in new hosts (and the reverse refused cleanly):
 *  - Plain C99. No C++ type, exception, RTTI, bool, enum or long crosses this boundary.
 *  - Every table starts with uint32_t struct_size and only ever grows at the end. A host reads
 *    min(struct_size, sizeof) bytes and treats functions beyond struct_size as absent.
 *  - One version number, JW_PLUGIN_API_VERSION (major << 16 | minor). The host refuses another
 *    major and a newer minor, first from the metadata symbols (before dlopen) and again from the
 *    jw_plugin_v1 the entry point fills.
 *  - Whoever allocates frees: every plugin-made object has its close function in the same table.
 *  - Strings are borrowed jw_str views; a receiver copies what it keeps before returning.
 *
 * Thread-safety: jw_plugin_init and the driver-level functions (connect) may be called from any
 * thread. A jw_connection and the jw_rows made from it are used by one thread at a time.
 *
 * Several engines may share one process (since 1.6): the host then loads a library once per
 * engine and calls its entry point each time. A plugin keeps nothing process-wide: the host it
 * logs to comes with each connection and each resolver or callback instance (the 1.6 functions
 * taking a jw_host_v1), so every engine hears its own plugins and no run sees another's state.
 */
#ifndef JETWAY_PLUGIN_ABI_H
#define JETWAY_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define JW_MAKE_API_VERSION(maj, min) ((((uint32_t)(maj)) << 16) | (uint32_t)(min))
#define JW_API_VERSION_MAJOR(v) ((uint32_t)(v) >> 16)
#define JW_API_VERSION_MINOR(v) ((uint32_t)(v)&0xFFFFu)

/** Bump the minor when a field is appended; bump the major for anything else. */
#define JW_PLUGIN_API_MAJOR 1
#define JW_PLUGIN_API_MINOR 11
#define JW_PLUGIN_API_VERSION JW_MAKE_API_VERSION(JW_PLUGIN_API_MAJOR, JW_PLUGIN_API_MINOR)

/** The name of the ELF section that carries a plugin's metadata symbols (see export.hpp). */
#define JW_METADATA_SECTION "jetway"
/** The one function every plugin exports. */
#define JW_PLUGIN_ENTRY_SYMBOL "jw_plugin_init"

/** Status codes. JW_OK is zero; everything else comes with a filled jw_error. */
typedef int32_t jw_status;
#define JW_OK 0
#define JW_E_NOT_IMPLEMENTED 1
#define JW_E_INVALID_ARGUMENT 2
#define JW_E_CONNECTION 3
#define JW_E_SQL 4
#define JW_E_LOCK_TIMEOUT 5
#define JW_E_INTERNAL 6
#define JW_E_MIGRATION 7      /* since 1.1: a migration failed other than by SQL (a program's exit) */
#define JW_E_INVALID_SCRIPT 8 /* since 1.1: a script cannot be read, decoded or parsed */
#define JW_E_CANCELLED 9      /* since 1.11: the application stopped the run (the host's statement runner says so; pass it on) */

/** Plugin kinds, a bit set: one library may offer several. */
#define JW_KIND_DRIVER 1u
#define JW_KIND_RESOLVER 2u
#define JW_KIND_CALLBACK 4u

/** Log levels for jw_host_v1.log. */
#define JW_LOG_TRACE 0
#define JW_LOG_DEBUG 1
#define JW_LOG_INFO 2
#define JW_LOG_WARN 3
#define JW_LOG_ERROR 4

/** A borrowed string view, not NUL-terminated. Valid only for the duration of the call. */
typedef struct jw_str {
    const char* data;
    size_t size;
} jw_str;

/** Where a callee writes a string result: it calls put() once, the host copies the bytes. */
typedef struct jw_str_sink {
    void* ctx;
    void (*put)(void* ctx, jw_str value);
} jw_str_sink;

/**
 * Error details. The caller zero-initialises it and sets struct_size; on failure the callee
 * fills it and sets release; the caller copies what it needs and then calls release (if set).
 */
typedef struct jw_error {
    uint32_t struct_size;
    int32_t vendor_code;     /* the database's own error code, 0 if none */
    char sqlstate[6];        /* five characters and a NUL, empty if none */
    int32_t position;        /* 1-based character offset in the statement, 0 if unknown */
    char* message;           /* owned by the callee until release */
    void (*release)(struct jw_error* self);
} jw_error;

/** Runs SQL for a plugin on the connection (and inside the transaction) Jetway chose.
    Borrowed: valid only during the call it is passed to. */
typedef struct jw_statement_runner {
    void* ctx;
    jw_status (*execute)(void* ctx, jw_str sql, int64_t* affected, jw_error* error);
} jw_statement_runner;

struct jw_sql_script;

/** Services the host offers to a plugin. Borrowed: valid until the library is unloaded. */
typedef struct jw_host_v1 {
    uint32_t struct_size;
    uint32_t api_version; /* the host's JW_PLUGIN_API_VERSION */
    void* ctx;
    /** Sends one log line to the host's logger for this plugin. Any thread. */
    void (*log)(void* ctx, int32_t level, jw_str message);

    /* --- API 1.1 --- Running whole scripts the way Jetway runs SQL migrations. `runner` must be
       the one Jetway passed to the calling resolver or callback; any other is refused. */
    /** Reads a SQL script and says how it must run: *mode gets a JW_TX_* value. */
    jw_status (*sql_script_mode)(jw_statement_runner runner, const struct jw_sql_script* script,
                                 int32_t* mode, jw_error* error);
    /** Reads, decodes, fills placeholders in, splits (with the driver's dialect) and runs a SQL
        script; statement callbacks, dry runs, outputQueryResults and errorOverrides apply, and a
        failure names the script, line and statement. */
    jw_status (*run_sql_script)(jw_statement_runner runner, const struct jw_sql_script* script,
                                jw_error* error);
    /** Runs a program with Jetway's environment (FLYWAY_URL, FLYWAY_USER, FLYWAY_PASSWORD,
        FP__name__ placeholders) and logs its output; a non-zero exit is JW_E_MIGRATION with the
        output as message. Skipped in a dry run. */
    jw_status (*run_program)(jw_statement_runner runner, jw_str path, jw_error* error);
} jw_host_v1;

/** A key/value option passed to connect (user, password, connectRetries ...). Borrowed. */
typedef struct jw_option {
    jw_str key;
    jw_str value;
} jw_option;

/** A bound parameter of query/execute_params. */
#define JW_VALUE_NULL 0
#define JW_VALUE_INT64 1
#define JW_VALUE_TEXT 2
typedef struct jw_value {
    int32_t kind;
    int64_t integer;
    jw_str text;
} jw_value;

/** A statement of a flight (execute_flight, since 1.7): its text, its parameters (may be NULL
    with param_count 0) and JW_STATEMENT_* flags. Borrowed for the call. */
#define JW_STATEMENT_COMMITS_IMPLICITLY 1 /* DDL that ends the transaction (MySQL): open another */
/* Since 1.8, a statement with no text: the end of one migration and the start of the next in
   the same flight. The driver commits, then starts the next migration as the flight started
   the first: a transaction, the session restored, the default schema again, and (with
   JW_HISTORY_INSERT_TIMED) a new mark of the time. When that fails, *ran is its index. */
#define JW_STATEMENT_NEXT_MIGRATION 2
/* Since 1.8, with JW_STATEMENT_NEXT_MIGRATION: the next migration joins the open transaction
   (-group=true), so no COMMIT and no new transaction: only the session reset, the default
   schema and the mark of the time. */
#define JW_STATEMENT_SAME_TRANSACTION 4
/* Since 1.9: put the session back, as restore_session does, right before this statement (the
   host marks each history row: a migration may have switched to a role without rights on the
   history table). A driver with nothing to put back may ignore it. */
#define JW_STATEMENT_RESTORE_SESSION 8
typedef struct jw_statement {
    jw_str sql;
    const jw_value* params;
    size_t param_count;
    int32_t flags;
} jw_statement;

typedef struct jw_connection jw_connection; /* opaque, made by connect, freed by disconnect */
typedef struct jw_rows jw_rows;             /* opaque, made by query, freed by rows_close */

/** Block rules of a dialect: which keywords make ';' part of a body rather than its end. */
#define JW_BLOCKS_NONE 0
#define JW_BLOCKS_SQLITE 1     /* BEGIN and CASE open, END closes (triggers) */
#define JW_BLOCKS_MYSQL 2      /* stored programs' BEGIN, CASE; END [IF|LOOP|REPEAT|WHILE] */
#define JW_BLOCKS_MARIADB 3    /* as MySQL, plus BEGIN NOT ATOMIC */
#define JW_BLOCKS_POSTGRESQL 4 /* BEGIN ATOMIC ... END, with CASE inside */

/**
 * What the core's statement splitter needs to know about a dialect. Static data of the plugin;
 * the host copies it (and the pattern text) when the plugin is loaded. Comments nest in every
 * dialect, as in Flyway's parser.
 */
typedef struct jw_dialect_v1 {
    uint32_t struct_size;
    int32_t backslash_escapes_in_strings; /* MySQL: 'it\'s' */
    int32_t hash_comments;                /* MySQL: # comment */
    int32_t dollar_quotes;                /* PostgreSQL: $tag$ ... $tag$ */
    int32_t double_quote_is_string;       /* MySQL without ANSI_QUOTES */
    int32_t backtick_identifiers;         /* MySQL, SQLite */
    int32_t delimiter_command;            /* MySQL client's DELIMITER */
    int32_t executable_comments;          /* MySQL: the statement-like comment slash-star-bang-NNNNN */
    int32_t copy_from_stdin;              /* PostgreSQL: COPY ... FROM STDIN data blocks */
    int32_t block_rules;                  /* JW_BLOCKS_* */
    int32_t transactional_ddl;            /* DDL can be rolled back */
    /** Statements that cannot run in a transaction: one ECMAScript regex per line, each matched
        in full against the statement's first keywords, upper-cased and joined by single spaces
        (e.g. "PRAGMA FOREIGN_KEYS.*"). NULL or "" when there are none. */
    const char* non_transactional;
    /* --- API 1.4 --- */
    /** Non-zero when a connection's open write transaction stops every other connection from
        writing (SQLite). A migration that brings its own connection (JW_TX_NOT_USED) then runs
        with no transaction open on Jetway's, or it would wait for itself. */
    int32_t transaction_excludes_writers;
    /* --- API 1.5 --- */
    /** Statements the database commits before and after themselves, ending the open
        transaction (MySQL's DDL), in the form of non_transactional. After one, Jetway opens a
        transaction again, so the rest of the migration commits with its history row; a failure
        names the statements that stayed applied. NULL or "" when there are none. */
    const char* implicit_commit;
} jw_dialect_v1;

/** Which history-table statement history_sql renders. */
#define JW_HISTORY_CREATE_TABLE 1 /* one or more statements, separated by ";\n" */
#define JW_HISTORY_TABLE_EXISTS 2 /* a query returning a row when the table exists */
#define JW_HISTORY_SELECT 3       /* select all rows ordered by installed_rank; param 1: rank > ? */
#define JW_HISTORY_INSERT 4       /* insert one row; 9 parameters in Flyway's column order */
#define JW_HISTORY_LOCK 5         /* statement that makes the table exclusive (may be empty) */
#define JW_HISTORY_DELETE_FAILED 6 /* delete every row with success = false; no parameters */
#define JW_HISTORY_UPDATE_ROW 7   /* set description, type, checksum where installed_rank = ? */
/* Since 1.7, for drivers with execute_flight: insert one row whose execution_time the database
   measures, in milliseconds since the transaction began; 8 parameters, the INSERT's without
   execution_time. */
#define JW_HISTORY_INSERT_TIMED 8
/* Since 1.9, the catalog queries a fleet run lists its targets with (schema and table unused):
   one text column of names, in order, of the schemas of the connection's database / the
   databases of its server that a user can migrate, matching the LIKE pattern of parameter 1.
   A driver whose database has no such thing fails with JW_E_NOT_IMPLEMENTED. */
#define JW_CATALOG_SCHEMAS 9
#define JW_CATALOG_DATABASES 10
/* Since 1.10: the clause that puts the history table in the tablespace named by `table`
   (flyway.tablespace), e.g. ` TABLESPACE "fast"`; the host appends it to the first statement
   of JW_HISTORY_CREATE_TABLE, which must end in the table's closing parenthesis. A database
   without tablespaces fails with JW_E_NOT_IMPLEMENTED, and the host warns that it is ignored. */
#define JW_HISTORY_TABLESPACE 11
/* Since 1.10, what check -drift compares: a query listing every object of the schema given as
   parameter 1, except the history table named by parameter 2 (and its columns, indexes,
   constraints and triggers), as three text columns: kind (table, column, index, constraint,
   view, materialized view, function, procedure, trigger, sequence), name (table.column for a
   column, table.name for what belongs to a table) and definition (text that differs exactly
   when the object does, free of the schema's own name so a scratch copy compares equal).
   `schema` and `table` carry the same two values, for a database that cannot bind them
   everywhere (SQLite's schema). Ordered by kind, then name. */
#define JW_CATALOG_OBJECTS 12

/**
 * A database driver. Functions marked "required" must be set; the host refuses the plugin
 * otherwise. A function beyond struct_size is absent.
 */
typedef struct jw_driver_v1 {
    uint32_t struct_size;

    /** Required. Opens a connection. url is the whole URL as the user wrote it. */
    jw_status (*connect)(jw_str url, const jw_option* options, size_t option_count,
                         jw_connection** out, jw_error* error);
    /** Required. Closes and frees a connection; never fails. */
    void (*disconnect)(jw_connection* connection);

    /** Required. Runs one statement; *affected gets the rows changed (or -1). */
    jw_status (*execute)(jw_connection* connection, jw_str sql, int64_t* affected,
                         jw_error* error);
    /** Required. Runs a statement with parameters that may return rows. */
    jw_status (*query)(jw_connection* connection, jw_str sql, const jw_value* params,
                       size_t param_count, jw_rows** out, jw_error* error);
    /** Required. Steps to the next row; *has_row is 0 after the last. */
    jw_status (*rows_next)(jw_rows* rows, int32_t* has_row, jw_error* error);
    /** Required. Number of columns of the result. */
    uint32_t (*rows_column_count)(jw_rows* rows);
    /** Required. Column name, borrowed until rows_close. */
    jw_str (*rows_column_name)(jw_rows* rows, uint32_t column);
    /** Required. Value of the current row as text; returns 0 for SQL NULL. Borrowed until the
        next rows_next. */
    int32_t (*rows_value)(jw_rows* rows, uint32_t column, jw_str* out);
    /** Required. Frees the result. */
    void (*rows_close)(jw_rows* rows);

    /** Required. Transactions. */
    jw_status (*begin)(jw_connection* connection, jw_error* error);
    jw_status (*commit)(jw_connection* connection, jw_error* error);
    jw_status (*rollback)(jw_connection* connection, jw_error* error);

    /** Optional. Takes the migration lock for the history table, waiting up to retry_count
        seconds (negative: forever). Returns JW_E_LOCK_TIMEOUT naming the holder when it gives up.
        Since 1.7 a session lock may instead be taken with the connection's next statement (in
        the same round trip when that is one of the host's own reads), which then returns the
        JW_E_LOCK_TIMEOUT; nothing the host sends runs before the lock is held. */
    jw_status (*acquire_lock)(jw_connection* connection, jw_str table, int32_t retry_count,
                              jw_error* error);
    /** Optional. Releases the lock taken by acquire_lock. Since 1.7 it may be left to the
        connection's next statement or to the end of the session, where the database releases
        it anyway (never behind a pooler that outlives the session). */
    jw_status (*release_lock)(jw_connection* connection, jw_error* error);

    /** Required. Renders the SQL of a history-table statement for schema.table (JW_HISTORY_*),
        or of a catalog query (JW_CATALOG_*, since 1.9). */
    jw_status (*history_sql)(int32_t which, jw_str schema, jw_str table, jw_str_sink out,
                             jw_error* error);
    /** Required. The schema the connection works in ("main" for SQLite). */
    jw_status (*current_schema)(jw_connection* connection, jw_str_sink out, jw_error* error);
    /** Required. Product and version, e.g. "SQLite 3.40". */
    jw_status (*server_version)(jw_connection* connection, jw_str_sink out, jw_error* error);

    /** Required. The dialect the core's splitter uses for this database. Static data. */
    const jw_dialect_v1* dialect;

    /** Optional. The user the connection acts as, for installed_by ("" when none). */
    jw_status (*current_user)(jw_connection* connection, jw_str_sink out, jw_error* error);
    /** Required. Whether `schema` exists and whether it holds no objects. */
    jw_status (*schema_state)(jw_connection* connection, jw_str schema, int32_t* exists,
                              int32_t* empty, jw_error* error);
    /** Optional. Creates `schema`; absent when the database has no schemas to create. */
    jw_status (*create_schema)(jw_connection* connection, jw_str schema, jw_error* error);
    /** Optional. Drops every object in `schema` (spec §12); absent: clean is not supported. */
    jw_status (*clean_schema)(jw_connection* connection, jw_str schema, jw_error* error);
    /** Required. `name` quoted as an identifier of this dialect. */
    jw_status (*quote_identifier)(jw_str name, jw_str_sink out, jw_error* error);
    /** Optional, all three or none. COPY ... FROM STDIN (PostgreSQL): starts the statement,
        sends its data in pieces, then ends it and reports the rows copied. */
    jw_status (*copy_begin)(jw_connection* connection, jw_str sql, jw_error* error);
    jw_status (*copy_put)(jw_connection* connection, jw_str data, jw_error* error);
    jw_status (*copy_end)(jw_connection* connection, int64_t* affected, jw_error* error);
    /** Optional (offered with create_schema). Drops `schema` and everything in it. */
    jw_status (*drop_schema)(jw_connection* connection, jw_str schema, jw_error* error);
    /** Optional. Makes `schema` the one unqualified names resolve to, as Flyway does before
        each migration (PostgreSQL search_path, MySQL USE). */
    jw_status (*use_schema)(jw_connection* connection, jw_str schema, jw_error* error);

    /* --- API 1.2 --- */
    /** Optional. Runs `count` statements in order, in as few round trips as the database
        allows (batch=true). Called only inside a transaction Jetway opened, and only with
        statements that return no rows. Stops at the first failure: *ran gets how many succeeded
        before it (count on success), and the error is the failing statement's. */
    jw_status (*execute_batch)(jw_connection* connection, const jw_str* statements, size_t count,
                               size_t* ran, jw_error* error);

    /* --- API 1.3 --- */
    /** Optional. Puts back what a migration may have changed in the session, as Flyway does
        before each migration and each history write (PostgreSQL: the role; MySQL: user
        variables, foreign_key_checks, sql_safe_updates). May be deferred to the next round trip. */
    jw_status (*restore_session)(jw_connection* connection, jw_error* error);
    /** Optional. The database (JDBC catalog) the connection is in, for ${flyway:database};
        "" when the database has none. */
    jw_status (*current_database)(jw_connection* connection, jw_str_sink out, jw_error* error);

    /* --- API 1.4 --- */
    /** Optional. Why the connection cannot write ("" when it can): a hot standby, a server in
        read-only mode. Commands that write refuse up front with this reason. */
    jw_status (*read_only_reason)(jw_connection* connection, jw_str_sink out, jw_error* error);

    /* --- API 1.5 --- */
    /** Optional (absent: JW_LOCK_SESSION). How long the migration lock can be held on this
        connection. JW_LOCK_TRANSACTION: consecutive transactions may run on different server
        sessions (a transaction-pooling proxy), so a lock outlives no transaction. The host then
        calls acquire_lock right after each begin it makes, never release_lock (the lock ends
        with the transaction), reads the history again inside every transaction, and refuses
        what must run outside one. */
    jw_status (*lock_scope)(jw_connection* connection, int32_t* scope, jw_error* error);

    /* --- API 1.6 --- */
    /** Optional; used instead of connect when set. As connect, and the connection keeps `host`
        (borrowed until disconnect) for what it logs. */
    jw_status (*connect_host)(const jw_host_v1* host, jw_str url, const jw_option* options,
                              size_t option_count, jw_connection** out, jw_error* error);

    /* --- API 1.7 --- */
    /** Optional. Sends what begin, restore_session and use_schema left pending, then the
        `count` statements, then COMMIT when `commit` is non-zero, all before reading any
        answer: a migration in one round trip where the database allows it. Results are read
        and dropped. The first failure stops the rest and leaves the transaction for the host to
        roll back: *ran gets how many statements succeeded before it (count when all did), and
        the error is the failing statement's, or COMMIT's when *ran == count. When what was
        pending before the statements fails, *ran is SIZE_MAX. */
    jw_status (*execute_flight)(jw_connection* connection, const jw_statement* statements,
                                size_t count, int32_t commit, size_t* ran, jw_error* error);

    /* --- API 1.8 --- */
    /** The JW_STATEMENT_* flags execute_flight honours beyond JW_STATEMENT_COMMITS_IMPLICITLY.
        With JW_STATEMENT_NEXT_MIGRATION the host sends several migrations in one flight, and
        with JW_STATEMENT_SAME_TRANSACTION too, a group's migrations. */
    int32_t flight_flags;

    /* --- API 1.11 --- */
    /** Optional. Called from another thread while the connection's own thread may be running a
        statement: asks the database to stop it, so the statement fails soon with the database's
        own error (PostgreSQL: a cancel request; SQLite: sqlite3_interrupt). Must be safe against
        every other call in flight on the connection; never blocks on them. The host calls it
        when the application embedding libjetway cancels a run. Absent: the run stops after the
        statement running. */
    jw_status (*interrupt)(jw_connection* connection, jw_error* error);
} jw_driver_v1;

/** Values of jw_driver_v1.lock_scope (since 1.5). */
#define JW_LOCK_SESSION 0     /* acquire_lock holds until release_lock, across transactions */
#define JW_LOCK_TRANSACTION 1 /* acquire_lock holds until the open transaction ends */

/** Migration kinds a resolver reports. */
#define JW_MIGRATION_VERSIONED 1
#define JW_MIGRATION_REPEATABLE 2
#define JW_MIGRATION_BASELINE 3
#define JW_MIGRATION_UNDO 4 /* since 1.1 */

/** How a migration relates to the transaction Jetway opens for it (since 1.1). */
#define JW_TX_INSIDE 0   /* runs inside it: the history row commits with its changes */
#define JW_TX_OUTSIDE 1  /* must run outside any transaction (CREATE INDEX CONCURRENTLY ...) */
#define JW_TX_NOT_USED 2 /* does not use Jetway's connection (a program with its own) */

/** A SQL script for jw_host_v1.run_sql_script. Borrowed for the call. */
typedef struct jw_sql_script {
    uint32_t struct_size;
    jw_str path;                     /* the file on disk */
    jw_str name;                     /* as messages name it (relative to its location) */
    jw_str encoding;                 /* empty: the configured one */
    int32_t detect_encoding;         /* non-zero: detect it from the bytes */
    int32_t placeholder_replacement; /* non-zero: fill ${placeholders} */
    int32_t mode;                    /* JW_TX_*, or -1: decided by the statements and settings */
} jw_sql_script;

/** One migration a resolver found. Borrowed for the duration of jw_migration_sink.put. */
typedef struct jw_migration_desc {
    uint32_t struct_size;
    int32_t kind;          /* JW_MIGRATION_* */
    jw_str version;        /* empty for repeatables */
    jw_str description;
    jw_str type;           /* history type, e.g. JDBC, SCRIPT, CUSTOM */
    jw_str script;         /* history script column */
    int32_t has_checksum;
    int32_t checksum;
    uint64_t id;           /* the resolver's own handle, passed back to execute */
    /* --- API 1.1 --- */
    int32_t has_equivalent_checksum; /* another checksum history may hold for the same content */
    int32_t equivalent_checksum;
    jw_str location;                 /* where it comes from, for messages (a path) */
} jw_migration_desc;

typedef struct jw_migration_sink {
    void* ctx;
    void (*put)(void* ctx, const jw_migration_desc* migration);
} jw_migration_sink;

/**
 * A migration resolver: finds migrations and runs them. Jetway's own SQL and script resolvers
 * implement this same interface (compiled in). `settings` are
 * Jetway's effective configuration as key/value (locations, workingDirectory, placeholders.x,
 * plugins.<name>.x ...). Thread-safety: called from one thread.
 */
typedef struct jw_resolver_v1 {
    uint32_t struct_size;
    /** Required. Reports every migration through `sink`. */
    jw_status (*resolve)(const jw_option* settings, size_t setting_count, jw_migration_sink sink,
                         jw_error* error);
    /** Required. Runs migration `id`, its SQL through `runner`. */
    jw_status (*execute)(uint64_t id, jw_statement_runner runner, jw_error* error);
    /* --- API 1.1 --- */
    /** Optional. How migration `id` runs (JW_TX_*); absent: JW_TX_INSIDE. Called before the
        transaction opens; `runner` may only be used for jw_host_v1.sql_script_mode. */
    jw_status (*transaction_mode)(uint64_t id, jw_statement_runner runner, int32_t* mode, jw_error* error);

    /* --- API 1.6 --- One instance per engine, so what resolve found belongs to the run that
       asked. When open is set the host uses these and never the three functions above. */
    /** Makes an instance that logs to `host` (borrowed until close). */
    jw_status (*open)(const jw_host_v1* host, void** instance, jw_error* error);
    /** Frees an instance; never fails. */
    void (*close)(void* instance);
    jw_status (*resolve_in)(void* instance, const jw_option* settings, size_t setting_count,
                            jw_migration_sink sink, jw_error* error);
    jw_status (*execute_in)(void* instance, uint64_t id, jw_statement_runner runner, jw_error* error);
    jw_status (*transaction_mode_in)(void* instance, uint64_t id, jw_statement_runner runner, int32_t* mode,
                                     jw_error* error);
} jw_resolver_v1;

/**
 * A callback: told of Flyway's events (beforeMigrate, afterEachMigrate ...). `details` carry
 * the event's facts as key/value (migration.version, migration.description, migration.script,
 * outcome, error ...), and `settings` as for resolvers.
 */
typedef struct jw_callback_v1 {
    uint32_t struct_size;
    /** Required. Non-zero when `event` should be handled. */
    int32_t (*supports)(jw_str event);
    /** Required. Handles `event`; SQL goes through `runner`. */
    jw_status (*handle)(jw_str event, const jw_option* details, size_t detail_count,
                        const jw_option* settings, size_t setting_count, jw_statement_runner runner,
                        jw_error* error);

    /* --- API 1.6 --- One instance per engine, as for resolvers. When open is set the host uses
       these and never supports or handle. */
    jw_status (*open)(const jw_host_v1* host, void** instance, jw_error* error);
    void (*close)(void* instance);
    int32_t (*supports_in)(void* instance, jw_str event);
    jw_status (*handle_in)(void* instance, jw_str event, const jw_option* details, size_t detail_count,
                           const jw_option* settings, size_t setting_count, jw_statement_runner runner,
                           jw_error* error);
} jw_callback_v1;

/** Filled by the plugin's jw_plugin_init. Strings and tables are static data of the plugin;
    the host copies them at once and never keeps these pointers. */
typedef struct jw_plugin_v1 {
    uint32_t struct_size;
    uint32_t api_version; /* the JW_PLUGIN_API_VERSION the plugin was compiled against */
    const char* name;
    const char* version;
    const char* build_info; /* diagnostic only: compiler and flags */
    uint32_t kinds;         /* JW_KIND_* bits */
    const jw_driver_v1* driver;
    const struct jw_resolver_v1* resolver;
    const struct jw_callback_v1* callback;
} jw_plugin_v1;

/**
 * The entry point, exported as JW_PLUGIN_ENTRY_SYMBOL; called once per load, so possibly several
 * times in one process. host is borrowed for the life of this load; plugins of API 1.6 and later
 * take it from the 1.6 functions instead and need not keep it. Returns JW_OK and fills out, or
 * an error status and fills error.
 */
typedef jw_status (*jw_plugin_init_fn)(const jw_host_v1* host, jw_plugin_v1* out,
                                       jw_error* error);

#ifdef __cplusplus
}
#endif

#endif /* JETWAY_PLUGIN_ABI_H */
