// SPDX-License-Identifier: Apache-2.0
#include "setting_help.hpp"

namespace jetway::cli {
namespace {

constexpr unsigned any_database = scope_connect;
constexpr unsigned reads_migrations = scope_resolve;
constexpr unsigned history_writers = scope_migrate | scope_baseline | scope_repair | scope_undo;

constexpr setting_help helps[] = {
    // Connecting.
    {"url", "<url>", "Database URL: jdbc:sqlite:app.db, postgresql://host/db, jdbc:mysql://host/db ...", any_database | scope_init},
    {"user", "<user>", "Database user", any_database},
    {"password", "<password>", "Database password (or passwordFile, FLYWAY_PASSWORD_FILE)", any_database},
    {"passwordFile", "<file>", "A file whose content (without its trailing newline) is the password", any_database},
    {"connectRetries", "<n>", "Retries when the database cannot be reached (10 s apart at most)", any_database},
    {"connectRetriesInterval", "<s>", "Longest wait between connection retries, in seconds", any_database},
    {"initSql", "<sql>", "SQL run on every new connection", any_database},
    {"jdbcProperties.<key>", "<value>", "A property passed to the driver", any_database},
    {"schemas", "<a,b>", "Managed schemas; the first holds the history table", any_database},
    {"defaultSchema", "<schema>", "The schema holding the history table (default: the first of schemas)", any_database},
    {"createSchemas", "true|false", "Create the schemas that do not exist (default true)", scope_migrate | scope_baseline},
    {"table", "<name>", "Schema history table (default flyway_schema_history)", any_database},
    {"tablespace", "<name>", "Tablespace of the history table when it is created (PostgreSQL, MySQL)", history_writers},
    {"environment", "<name>", "TOML environment to use (default: default)", scope_output},
    {"configFiles", "<a,b>", "Configuration files (.conf or .toml; - is standard input)", scope_output},
    {"workingDirectory", "<dir>", "Where relative paths and default files are looked up", scope_output},
    {"jarDirs", "<dirs>", "More directories to search for plugins (comma-separated)", any_database | scope_plugins},
    // Finding and reading migrations.
    {"locations", "<l,...>", "Where migrations are: filesystem:sql (default: <workingDirectory>/sql)", scope_naming},
    {"failOnMissingLocations", "true", "Fail when a location does not exist", reads_migrations},
    {"sqlMigrationPrefix", "<V>", "Prefix of versioned migrations", scope_naming},
    {"repeatableSqlMigrationPrefix", "<R>", "Prefix of repeatable migrations", scope_naming},
    {"baselineMigrationPrefix", "<B>", "Prefix of baseline migrations", scope_naming},
    {"undoSqlMigrationPrefix", "<U>", "Prefix of undo migrations", scope_naming},
    {"sqlMigrationSeparator", "<__>", "Between version and description", scope_naming},
    {"sqlMigrationSuffixes", "<.sql>", "File suffixes of SQL migrations", scope_naming},
    {"validateMigrationNaming", "true", "Fail on files whose names are not valid migration names", reads_migrations},
    {"ignoreMigrationPatterns", "<type:state>", "Validation problems to ignore, e.g. *:missing (default *:future)", scope_validate},
    {"encoding", "<UTF-8>", "Encoding of SQL migrations", reads_migrations},
    {"detectEncoding", "true", "Detect each file's encoding", reads_migrations},
    {"placeholders.<name>", "<value>", "A placeholder for ${name} in migrations", reads_migrations},
    {"placeholderReplacement", "false", "Leave ${...} in migrations as written", reads_migrations},
    {"placeholderPrefix", "<${>", "What opens a placeholder", reads_migrations},
    {"placeholderSuffix", "<}>", "What closes a placeholder", reads_migrations},
    {"placeholderSeparator", "<:>", "Between a placeholder's namespace and name", reads_migrations},
    {"scriptPlaceholderPrefix", "<FP__>", "Prefix of placeholders given to script migrations", reads_migrations},
    {"scriptPlaceholderSuffix", "<__>", "Suffix of placeholders given to script migrations", reads_migrations},
    {"powershellExecutable", "<pwsh>", "The program that runs .ps1 migrations", reads_migrations},
    {"plugins.<plugin>.<key>", "<value>", "A setting passed to a resolver or callback plugin", reads_migrations | any_database},
    {"resolvers", "<names>", "Resolver plugins to use (migrations that are not SQL files)", reads_migrations},
    {"skipDefaultResolvers", "true", "Use only the resolver plugins named", reads_migrations},
    {"callbacks", "<names>", "Callback plugins to use, e.g. json_events", any_database},
    {"callbackLocations", "<l,...>", "Where SQL callbacks (beforeMigrate.sql ...) are, besides locations", any_database},
    {"skipDefaultCallbacks", "true", "Ignore SQL callback files", any_database},
    // Migrating.
    {"target", "<v>", "latest, current, next, a version, or <version>?", scope_migrate | scope_undo | scope_validate | scope_info},
    {"failOnMissingTarget", "false", "A target version no migration has is not an error (as <version>?)",
     scope_migrate | scope_undo | scope_validate | scope_info},
    {"cherryPick", "<v,...>", "Only these migrations", scope_migrate | scope_undo},
    {"outOfOrder", "true", "Apply migrations older than the current version", scope_migrate | scope_validate},
    {"baselineOnMigrate", "true", "Baseline a non-empty database without history on migrate", scope_migrate},
    {"baselineVersion", "<v>", "Version of the baseline (default 1)", scope_migrate | scope_baseline},
    {"baselineDescription", "<text>", "Description of the baseline row", scope_migrate | scope_baseline},
    {"validateOnMigrate", "false", "Skip the validation migrate starts with", scope_migrate},
    {"cleanOnValidationError", "true", "Clean when validation fails (needs cleanDisabled=false)", scope_migrate},
    {"executeInTransaction", "false", "Run each migration outside a transaction", scope_migrate | scope_undo},
    {"mixed", "true", "Allow transactional and non-transactional statements in one migration", scope_migrate | scope_undo},
    {"group", "true", "Apply all pending migrations in one transaction", scope_migrate | scope_undo},
    {"skipExecutingMigrations", "true", "Record migrations in the history without running them", scope_migrate},
    {"installedBy", "<name>", "The installed_by of new history rows", history_writers},
    {"lockRetryCount", "<n>", "Seconds to wait for another migrator's lock (-1: forever)", history_writers},
    {"outputQueryResults", "false", "Do not print the rows migrations' queries return", scope_migrate | scope_undo},
    {"batch", "true", "Send each migration's statements in batches", scope_migrate | scope_undo},
    {"stream", "true", "Read migrations as a stream (Jetway always does)", scope_migrate | scope_undo},
    {"errorOverrides", "<state:code:level>", "Turn database errors into warnings or errors", scope_migrate | scope_undo},
    {"dryRunOutput", "<file>", "Write what would run to a file; change nothing", history_writers},
    {"postgresql.transactional.lock", "false", "Accepted; Jetway chooses the PostgreSQL lock itself", scope_migrate},
    // Info.
    {"infoSinceDate", "<dd/MM/yyyy HH:mm>", "Only migrations installed since then", scope_info},
    {"infoUntilDate", "<dd/MM/yyyy HH:mm>", "Only migrations installed until then", scope_info},
    {"infoSinceVersion", "<v>", "Only migrations from this version", scope_info},
    {"infoUntilVersion", "<v>", "Only migrations up to this version", scope_info},
    {"infoOfState", "<states>", "Only migrations in these states (pending, success ...)", scope_info},
    // Clean.
    {"cleanDisabled", "false", "Allow clean (default: disabled)", scope_clean | scope_migrate},
    // Fleets.
    {"targets", "<file>", "Run on every target of a file (URL [schemas=a,b]; .toml; - is stdin)", scope_fleet},
    {"targetSchemas", "<like>", "Run on every schema of url's database matching the LIKE pattern", scope_fleet},
    {"targetDatabases", "<like>", "Run on every database of url's server matching the LIKE pattern", scope_fleet},
    {"targetsQuery", "<sql>", "A target per row (url, schemas) of a query run on url", scope_fleet},
    {"targetsFrom", "<json>", "Only what did not succeed in an earlier fleet run's JSON output", scope_fleet},
    {"parallel", "<n>", "Targets at once", scope_fleet},
    {"maxConnectionsPerServer", "<n>", "Sessions at once on one server (default 8)", scope_fleet},
    {"failFast", "true", "Start no more targets after a failure", scope_fleet},
    {"shard", "<i>/<n>", "Only the targets whose id hashes to shard i of n (0-based)", scope_fleet},
    // add and init.
    {"add.description", "<text>", "Description in the new file's name (also -description)", scope_add},
    {"add.type", "<type>", "versioned (default), repeatable, undo or baseline (also -type)", scope_add},
    {"add.version", "<v>", "The version, instead of the next one (also -version)", scope_add},
    {"add.timestamp", "<mode>", "auto (refresh a yyyyMMddHHmmss part), always (add one) or never (also -timestamp)", scope_add},
    {"add.location", "<folder>", "Where the file goes (default: the first location; also -location)", scope_add},
    {"add.force", "true", "Replace a file of the same name, or reuse a taken version (also -force)", scope_add},
    {"add.nameOnly", "true", "Print the name; write nothing (also -nameOnly)", scope_add},
    {"check.dryrun", "true", "Report what migrate would run, in order, with its SQL (also the flag -dryrun)", scope_check},
    {"check.drift", "true", "Compare the database with what its applied migrations build (also the flag -drift)", scope_check},
    {"check.changes", "true", "Flyway Enterprise's change report: not in Jetway, refused", scope_check},
    {"check.code", "true", "Flyway's SQL code analysis: not in Jetway, refused", scope_check},
    {"check.buildUrl", "<url>", "Where -drift builds (default: a temporary database on the server, or file)", scope_check},
    {"check.buildUser", "<user>", "User of check.buildUrl", scope_check},
    {"check.buildPassword", "<password>", "Password of check.buildUrl", scope_check},
    {"check.failOnDrift", "false", "Exit 0 even when check -drift finds differences (default: exit 1)", scope_check},
    {"init.projectName", "<name>", "Name written in the new flyway.toml (also -projectName)", scope_init},
    // Output.
    {"outputType", "json", "Print results (and errors) as one JSON document", scope_output},
    {"outputFile", "<file>", "Also write what is printed, results and log lines, to a file", scope_output},
    {"outputLogsInJson", "true", "Print every log line as a JSON object", scope_output},
    {"reportEnabled", "true", "Write an HTML report of the run and its JSON twin", any_database},
    {"reportFilename", "<file>", "The report's name (default report.html; the twin ends in .json)", any_database},
    {"color", "<mode>", "always, never or auto", scope_output},
};

}  // namespace

std::span<const setting_help> setting_helps() { return helps; }

}  // namespace jetway::cli
