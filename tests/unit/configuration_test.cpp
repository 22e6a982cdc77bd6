// SPDX-License-Identifier: Apache-2.0
// Configuration sources and precedence (spec §10), read from real files in scratch directories.
#include <jetway/core/configuration.hpp>
#include <jetway/core/error.hpp>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace fs = std::filesystem;
using jetway::core::configuration;
using jetway::core::configuration_inputs;
using jetway::core::load_configuration;
using jetway::test::write_file;

namespace {

class Configuration : public ::testing::Test {
 protected:
    Configuration() {
        inputs_.install_root = scratch_ / "install";
        inputs_.home_directory = scratch_ / "home";
        inputs_.current_directory = scratch_ / "cwd";
        fs::create_directories(inputs_.install_root / "conf");
        fs::create_directories(inputs_.home_directory);
        fs::create_directories(inputs_.current_directory);
    }
    configuration load() { return load_configuration(inputs_); }
    std::string error_of_load() {
        try {
            load();
        } catch (const jetway::core::error& e) {
            EXPECT_EQ(e.code(), jetway::core::error_code::configuration);
            return e.what();
        }
        ADD_FAILURE() << "no error";
        return {};
    }

    jetway::test::scratch_dir scratch_;
    configuration_inputs inputs_;
};

TEST_F(Configuration, FlywayDefaults) {
    const configuration c = load();
    EXPECT_TRUE(c.clean_disabled);
    EXPECT_TRUE(c.validate_on_migrate);
    EXPECT_EQ(c.ignore_migration_patterns, std::vector<std::string>{"*:future"});
    EXPECT_EQ(c.table, "flyway_schema_history");
    EXPECT_EQ(c.sql_migration_suffixes, std::vector<std::string>{".sql"});
    EXPECT_EQ(c.lock_retry_count, 50);
    EXPECT_EQ(c.baseline_description, "<< Flyway Baseline >>");
    EXPECT_EQ(c.placeholder_prefix, "${");
    EXPECT_EQ(c.working_directory, inputs_.current_directory);
    EXPECT_TRUE(c.origins.empty());
}

TEST_F(Configuration, ConfFileAsFlywayUsersWriteIt) {
    // spec §10.3: trimmed lines, comments, ':' separator, continuation, backslashes kept,
    // ${VAR} from the environment, foreign keys ignored.
    write_file(inputs_.current_directory / "flyway.conf",
               "# a comment\n"
               "! another\n"
               "   flyway.url = jdbc:sqlite:app.db   \n"
               "flyway.user: admin\n"
               "flyway.locations=filesystem:sql,\\\n"
               "   filesystem:more\n"
               "flyway.placeholders.path=C:\\data\\dir\n"
               "flyway.password=${DB_SECRET}\n"
               "flyway.cleanDisabled=FALSE\n"
               "other.key=ignored\n");
    inputs_.environment["DB_SECRET"] = "s3cret";
    const configuration c = load();
    EXPECT_EQ(c.url, "jdbc:sqlite:app.db");
    EXPECT_EQ(c.user, "admin");
    EXPECT_EQ(c.locations, (std::vector<std::string>{"filesystem:sql", "filesystem:more"}));
    EXPECT_EQ(c.placeholders.at("path"), "C:\\data\\dir");
    EXPECT_EQ(c.password, "s3cret");
    EXPECT_FALSE(c.clean_disabled);
    EXPECT_EQ(c.origins.at("user"),
              "file " + (inputs_.current_directory / "flyway.conf").string() + ":4");
}

TEST_F(Configuration, TomlFileAsFlywayUsersWriteIt) {
    write_file(inputs_.current_directory / "flyway.toml",
               "[environments.default]\n"
               "url = \"jdbc:postgresql://localhost:5432/app\"\n"
               "user = \"app\"\n"
               "password = \"${env.APP_DB_PASSWORD}\"\n"
               "schemas = [\"public\", \"audit\"]\n"
               "\n"
               "[environments.other]\n"
               "url = \"jdbc:sqlite:other.db\"\n"
               "\n"
               "[flyway]\n"
               "environment = \"default\"\n"
               "locations = [\"filesystem:migrations\"]\n"
               "cleanDisabled = false\n"
               "connectRetries = 3\n"
               "\n"
               "[flyway.placeholders]\n"
               "tableName = \"people\"\n"
               "literal = \"$${env.NOT_RESOLVED}\"\n"
               "\n"
               "[flyway.postgresql.transactional]\n"
               "lock = false\n");
    inputs_.environment["APP_DB_PASSWORD"] = "pw";
    const configuration c = load();
    EXPECT_EQ(c.url, "jdbc:postgresql://localhost:5432/app");
    EXPECT_EQ(c.password, "pw");
    EXPECT_EQ(c.schemas, (std::vector<std::string>{"public", "audit"}));
    EXPECT_EQ(c.locations, std::vector<std::string>{"filesystem:migrations"});
    EXPECT_FALSE(c.clean_disabled);
    EXPECT_EQ(c.connect_retries, 3);
    EXPECT_EQ(c.placeholders.at("tableName"), "people");
    EXPECT_EQ(c.placeholders.at("literal"), "${env.NOT_RESOLVED}");
    EXPECT_FALSE(c.postgresql_transactional_lock);
}

TEST_F(Configuration, TomlEnvironmentSelectedFromCommandLine) {
    write_file(inputs_.current_directory / "flyway.toml",
               "[environments.default]\nurl = \"jdbc:sqlite:a.db\"\n"
               "[environments.ci]\nurl = \"jdbc:sqlite:ci.db\"\n"
               "[environments.ci.flyway]\nlocations = [\"filesystem:ci\"]\n"
               "[flyway]\nlocations = [\"filesystem:sql\"]\n");
    inputs_.arguments = {{"environment", "ci"}};
    const configuration c = load();
    EXPECT_EQ(c.url, "jdbc:sqlite:ci.db");
    EXPECT_EQ(c.locations, std::vector<std::string>{"filesystem:ci"});

    inputs_.arguments = {{"environment", "nope"}};
    EXPECT_EQ(error_of_load(), "Environment 'nope' not found. Check that this environment exists "
                               "in your configuration.");
}

TEST_F(Configuration, PrecedenceArgumentsOverEnvironmentOverFilesOverDefaults) {
    write_file(inputs_.install_root / "conf" / "flyway.conf",
               "flyway.table=from_install\nflyway.target=1\nflyway.user=install\nflyway.schemas=a\n");
    write_file(inputs_.home_directory / "flyway.conf", "flyway.target=2\nflyway.user=home\n");
    write_file(inputs_.current_directory / "flyway.conf", "flyway.user=cwd\nflyway.url=jdbc:sqlite:f\n");
    inputs_.environment["FLYWAY_URL"] = "jdbc:sqlite:env";
    inputs_.environment["FLYWAY_SCHEMAS"] = "from_env";
    inputs_.arguments = {{"schemas", "from_arg"}};
    const configuration c = load();
    EXPECT_EQ(c.table, "from_install");  // only the install file sets it
    EXPECT_EQ(c.target, "2");            // home beats install
    EXPECT_EQ(c.user, "cwd");            // working directory beats home
    EXPECT_EQ(c.url, "jdbc:sqlite:env");  // environment beats files
    EXPECT_EQ(c.schemas, std::vector<std::string>{"from_arg"});  // arguments beat environment
    EXPECT_EQ(c.origins.at("url"), "environment variable FLYWAY_URL");
    EXPECT_EQ(c.origins.at("schemas"), "argument -schemas");
}

TEST_F(Configuration, ArgumentsAndVariablesOverrideTheSelectedEnvironmentsBlock) {
    // Flyway merges -url and FLYWAY_URL into the selected environment: they win over its file block.
    write_file(inputs_.current_directory / "flyway.toml",
               "[environments.default]\nurl = \"jdbc:sqlite:from_file.db\"\nuser = \"file_user\"\n");
    EXPECT_EQ(load().url, "jdbc:sqlite:from_file.db");
    inputs_.environment["FLYWAY_USER"] = "env_user";
    inputs_.arguments = {{"url", "jdbc:sqlite:from_argument.db"}};
    const configuration c = load();
    EXPECT_EQ(c.url, "jdbc:sqlite:from_argument.db");
    EXPECT_EQ(c.origins.at("url"), "argument -url");
    EXPECT_EQ(c.user, "env_user");
}

TEST_F(Configuration, FailOnMissingTargetFalseIsTheLenientTarget) {
    inputs_.arguments = {{"target", "7"}, {"failOnMissingTarget", "false"}};
    EXPECT_EQ(load().target, "7?");
    inputs_.arguments = {{"target", "latest"}, {"failOnMissingTarget", "false"}};
    EXPECT_EQ(load().target, "latest");
    inputs_.arguments = {{"target", "7"}};
    EXPECT_EQ(load().target, "7");
}

TEST_F(Configuration, FlywayNamespacesJetwayHasNoUseForAreAcceptedNotFatal) {
    write_file(inputs_.current_directory / "flyway.toml",
               "[flyway.sqlserver.clean]\nmode = \"all\"\n[flyway.check]\nbuildEnvironment = \"build\"\n"
               "[flyway]\noutputProgress = true\n");
    EXPECT_NO_THROW(load());
    inputs_.arguments = {{"sqlserver.cleen.mode", "x"}, {"snapshott.filename", "y"}};
    EXPECT_EQ(error_of_load().rfind("Unknown configuration property: flyway.snapshott.filename.", 0), 0u)
        << "an unknown namespace is still an error";
}

TEST_F(Configuration, ConfigFilesArgumentAndWorkingDirectory) {
    write_file(scratch_ / "wd" / "custom.conf", "flyway.table=custom\n");
    write_file(scratch_ / "wd" / "flyway.conf", "flyway.target=7\n");
    inputs_.arguments = {{"workingDirectory", (scratch_ / "wd").string()},
                         {"configFiles", "custom.conf"}};
    const configuration c = load();
    EXPECT_EQ(c.table, "custom");
    EXPECT_EQ(c.target, "7") << "the working directory's flyway.conf is a default file";
    EXPECT_EQ(c.working_directory, scratch_ / "wd");
}

TEST_F(Configuration, ConfigFilesFromEnvironmentAndStandardInput) {
    write_file(scratch_ / "env.conf", "flyway.table=env_file\n");
    inputs_.environment["FLYWAY_CONFIG_FILES"] = (scratch_ / "env.conf").string() + ",-";
    inputs_.standard_input = "flyway.target=5\n";
    const configuration c = load();
    EXPECT_EQ(c.table, "env_file");
    EXPECT_EQ(c.target, "5");
    EXPECT_EQ(c.origins.at("target"), "file <standard input>:1");
}

TEST_F(Configuration, MissingExplicitConfFileIsAnError) {
    inputs_.arguments = {{"configFiles", "nope.conf"}};
    EXPECT_EQ(error_of_load(),
              "Unable to load config file: " + (inputs_.current_directory / "nope.conf").string());
}

TEST_F(Configuration, TomlAndConfTogetherIsFlywaysError) {
    write_file(scratch_ / "a.toml", "[flyway]\n");
    write_file(scratch_ / "b.conf", "flyway.table=x\n");
    inputs_.arguments = {{"configFiles", (scratch_ / "a.toml").string() + "," + (scratch_ / "b.conf").string()}};
    EXPECT_EQ(error_of_load(),
              "Using both TOML configuration and CONF configuration is not supported. Please "
              "remove the CONF configuration files.\nTOML files: " +
                  (scratch_ / "a.toml").string() + "\nCONF files: " + (scratch_ / "b.conf").string());
}

TEST_F(Configuration, EnvironmentFamilies) {
    inputs_.environment = {{"FLYWAY_PLACEHOLDERS_TABLE_NAME", "people"},
                           {"FLYWAY_JDBC_PROPERTIES_SSLMODE", "require"},
                           {"FLYWAY_CONNECT_RETRIES_INTERVAL", "9"},
                           {"FLYWAY_SQL_MIGRATION_SUFFIXES", ".sql, .psql"},
                           {"FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", "false"},
                           {"FLYWAY_DRYRUN_OUTPUT", "plan.sql"},
                           {"FLYWAY_UNRELATED_THING", "ignored"}};
    const configuration c = load();
    EXPECT_EQ(c.dry_run_output, "plan.sql") << "Flyway's own spelling of dryRunOutput's variable";
    EXPECT_EQ(c.origins.at("dryRunOutput"), "environment variable FLYWAY_DRYRUN_OUTPUT");
    EXPECT_EQ(c.placeholders.at("table_name"), "people");
    EXPECT_EQ(c.jdbc_properties.at("sslmode"), "require");
    EXPECT_EQ(c.connect_retries_interval, 9);
    EXPECT_EQ(c.sql_migration_suffixes, (std::vector<std::string>{".sql", ".psql"}));
    EXPECT_FALSE(c.postgresql_transactional_lock);
}

TEST_F(Configuration, UnknownKeyNamesItsOriginAndClosestKey) {
    write_file(inputs_.current_directory / "flyway.conf", "flyway.url=x\nflyway.lcoations=sql\n");
    EXPECT_EQ(error_of_load(),
              "Unknown configuration property: flyway.lcoations. Please check your conf files or "
              "commandline parameters\nSet by file " +
                  (inputs_.current_directory / "flyway.conf").string() +
                  ":2. Did you mean 'flyway.locations'?");
}

TEST_F(Configuration, BadBooleanAndIntegerUseFlywaysWording) {
    inputs_.arguments = {{"outOfOrder", "yes"}};
    EXPECT_EQ(error_of_load(), "Invalid value for flyway.outOfOrder (should be either true or "
                               "false): yes (set by argument -outOfOrder)");
    inputs_.arguments = {};
    inputs_.environment = {{"FLYWAY_LOCK_RETRY_COUNT", "ten"}};
    EXPECT_EQ(error_of_load(), "Invalid value for flyway.lockRetryCount (should be an integer): "
                               "ten (set by environment variable FLYWAY_LOCK_RETRY_COUNT)");
}

TEST_F(Configuration, TomlSyntaxErrorGivesLineAndColumn) {
    write_file(inputs_.current_directory / "flyway.toml", "[flyway]\ntable = \"x\"\nlocations = [\n");
    const std::string message = error_of_load();
    EXPECT_EQ(message.rfind("Error parsing config file " +
                                (inputs_.current_directory / "flyway.toml").string() +
                                " at [line 3, column ",
                            0),
              0u)
        << message;
}

TEST_F(Configuration, UnresolvedTomlEnvironmentVariable) {
    write_file(inputs_.current_directory / "flyway.toml",
               "[environments.default]\npassword = \"${env.MISSING_VAR}\"\n");
    EXPECT_EQ(error_of_load(), "Unable to resolve environment variable: 'MISSING_VAR' (file " +
                                   (inputs_.current_directory / "flyway.toml").string() + ":2)");
}

TEST_F(Configuration, TomlResolversJetwayLacksAreErrorsNamingKeyResolverFileAndLine) {
    const fs::path toml = inputs_.current_directory / "flyway.toml";
    write_file(toml, "[environments.default]\nurl = \"jdbc:sqlite:a.db\"\npassword = \"${vault.secret}\"\n");
    EXPECT_EQ(error_of_load(),
              "environments.default.password uses the 'vault' resolver (${vault.secret}, file " + toml.string() +
                  ":3), which Jetway does not support: it resolves ${env.VARIABLE} and ${file.PATH}. Put the secret "
                  "in an environment variable or a file and use one of those");
    for (const std::string resolver : {"localSecret", "dapr", "gcsm", "azure", "clone"}) {
        write_file(toml, "[flyway]\nuser = \"x-${" + resolver + ".user}\"\n");
        const std::string message = error_of_load();
        EXPECT_EQ(message.rfind("flyway.user uses the '" + resolver + "' resolver (${" + resolver + ".user}, file " +
                                    toml.string() + ":2)",
                                0),
                  0u)
            << message;
    }
}

TEST_F(Configuration, TomlFileResolverReadsASecretFileWithoutItsTrailingNewline) {
    write_file(inputs_.current_directory / "secrets" / "db_password", "s3cr3t\n");
    write_file(scratch_ / "absolute_user", "app_user\r\n");
    const fs::path toml = inputs_.current_directory / "flyway.toml";
    write_file(toml, "[environments.default]\npassword = \"${file.secrets/db_password}\"\nuser = \"${file." +
                         (scratch_ / "absolute_user").string() + "}\"\n[flyway.placeholders]\nkeep = \"${name}\"\n");
    configuration c = load();
    EXPECT_EQ(c.password, "s3cr3t") << "a relative path is read from the TOML file's folder";
    EXPECT_EQ(c.user, "app_user");
    EXPECT_EQ(c.placeholders.at("keep"), "${name}") << "no resolver, no dot: left for the placeholders";

    write_file(toml, "[environments.default]\npassword = \"${file./no/such/secret}\"\n");
    EXPECT_EQ(error_of_load(), "Unable to read /no/such/secret for environments.default.password through the file "
                               "resolver (file " + toml.string() + ":2)");
}

TEST_F(Configuration, DatabaseUrlIsTheLastResortWithItsCredentials) {
    inputs_.environment["DATABASE_URL"] = "postgres://app%40x:p%40ss@db:5432/app?sslmode=require";
    configuration c = load();
    EXPECT_EQ(c.url, "postgres://app%40x:p%40ss@db:5432/app?sslmode=require");
    EXPECT_EQ(c.user, "app@x");
    EXPECT_EQ(c.password, "p@ss");

    inputs_.environment["FLYWAY_URL"] = "jdbc:sqlite:a.db";
    inputs_.arguments = {{"user", "explicit"}};
    c = load();
    EXPECT_EQ(c.url, "jdbc:sqlite:a.db") << "any other source of url wins";
}

TEST_F(Configuration, PasswordFromFile) {
    write_file(scratch_ / "secret", "from-file\n");
    inputs_.environment["FLYWAY_PASSWORD_FILE"] = (scratch_ / "secret").string();
    EXPECT_EQ(load().password, "from-file");
    inputs_.arguments = {{"password", "explicit"}};
    EXPECT_EQ(load().password, "explicit");
}

TEST_F(Configuration, ReservedPlaceholderPrefix) {
    inputs_.arguments = {{"placeholders.flyway:x", "1"}};
    EXPECT_EQ(error_of_load(), "Invalid placeholder ('flyway:' prefix is reserved): flyway:x");
}

TEST_F(Configuration, DescribeMasksPasswords) {
    inputs_.arguments = {{"url", "postgres://u:hunter2@h/db"}, {"password", "hunter2"}};
    for (const std::string& line : jetway::core::describe_configuration(load()))
        EXPECT_EQ(line.find("hunter2"), std::string::npos) << line;
}

TEST_F(Configuration, JvmOnlySettingsAreAcceptedAndIgnored) {
    inputs_.arguments = {{"driver", "org.postgresql.Driver"}, {"loggers", "auto"}};
    EXPECT_NO_THROW(load());
}

}  // namespace
