// SPDX-License-Identifier: Apache-2.0
// File-name grammar (spec §2.1, §2.2).
#include <gtest/gtest.h>

#include "resolve/migration_name.hpp"

using jetway::core::configuration;
using jetway::core::migration_kind;
using jetway::core::parse_migration_name;

TEST(MigrationName, VersionedRepeatableBaselineUndoAndCallbacks) {
    const configuration c;
    auto n = parse_migration_name("V1_2__Add_new__table.sql", c);
    ASSERT_TRUE(n.name);
    EXPECT_EQ(n.name->kind, migration_kind::versioned);
    EXPECT_EQ(n.name->version->text(), "1.2");
    EXPECT_EQ(n.name->raw_version, "1_2");
    EXPECT_EQ(n.name->description, "Add new  table") << "every underscore becomes a space";

    n = parse_migration_name("R__People_view.SQL", c);
    ASSERT_TRUE(n.name);
    EXPECT_EQ(n.name->kind, migration_kind::repeatable);
    EXPECT_EQ(n.name->description, "People view");

    EXPECT_EQ(parse_migration_name("B5__base.sql", c).name->kind, migration_kind::baseline);
    EXPECT_EQ(parse_migration_name("U3__undo.sql", c).name->kind, migration_kind::undo);

    n = parse_migration_name("beforeMigrate__Create_roles.sql", c);
    ASSERT_TRUE(n.name);
    EXPECT_TRUE(n.name->is_callback);
    EXPECT_EQ(n.name->callback_event, "beforeMigrate");
    EXPECT_EQ(n.name->description, "Create roles");
    EXPECT_EQ(parse_migration_name("afterEachMigrateStatementError.sql", c).name->callback_event,
              "afterEachMigrateStatementError");
}

TEST(MigrationName, NoDescriptionAndDotsInDescription) {
    const configuration c;
    auto n = parse_migration_name("V1.sql", c);
    ASSERT_TRUE(n.name);
    EXPECT_EQ(n.name->description, "");
    EXPECT_EQ(parse_migration_name("V1_1.sql", c).name->version->text(), "1.1");
    EXPECT_EQ(parse_migration_name("V2__a.b.sql", c).name->description, "a.b");
}

TEST(MigrationName, InvalidNamesUseFlywaysMessages) {
    const configuration c;
    EXPECT_EQ(parse_migration_name("V__x.sql", c).invalid,
              "Invalid versioned migration name format: V__x.sql (It must contain a version and "
              "should look like this: V1.2__description.sql)");
    EXPECT_EQ(parse_migration_name("V1.2a__x.sql", c).invalid,
              "Invalid versioned migration name format: V1.2a__x.sql (could not recognise version "
              "number 1.2a)");
    EXPECT_EQ(parse_migration_name("R1.0__All_View.sql", c).invalid,
              "Invalid repeatable migration / callback name format: R1.0__All_View.sql (It cannot "
              "contain a version and should look like this: R__description.sql)");
    EXPECT_EQ(parse_migration_name("create_tables.sql", c).invalid,
              "Unrecognised migration name format: create_tables.sql");
    EXPECT_TRUE(parse_migration_name("create_tables.sql", c).counts_as_sql);
}

TEST(MigrationName, NotCandidates) {
    const configuration c;
    for (const char* name : {"README.md", "V2__x.sql.conf", "V.sql", "R.sql", "notes.txt"}) {
        const auto n = parse_migration_name(name, c);
        EXPECT_FALSE(n.name) << name;
        EXPECT_FALSE(n.counts_as_sql && n.invalid.empty()) << name;
    }
}

TEST(MigrationName, ScriptMigrations) {
    const configuration c;
    auto n = parse_migration_name("V3__seed.sh", c);
    ASSERT_TRUE(n.name);
    EXPECT_TRUE(n.name->is_script);
    n = parse_migration_name("V4__run", c);
    ASSERT_TRUE(n.name) << "an extensionless file is a script migration";
    EXPECT_TRUE(n.name->is_script);
    EXPECT_FALSE(parse_migration_name("Makefile", c).name);
}

TEST(MigrationName, ConfigurablePrefixSeparatorAndSuffixes) {
    configuration c;
    c.sql_migration_prefix = "M";
    c.sql_migration_separator = "-";
    c.sql_migration_suffixes = {".psql", ".sql"};
    auto n = parse_migration_name("M7-seven_up.psql", c);
    ASSERT_TRUE(n.name);
    EXPECT_EQ(n.name->version->text(), "7");
    EXPECT_EQ(n.name->description, "seven up");
}
