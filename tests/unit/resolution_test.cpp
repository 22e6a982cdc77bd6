// SPDX-License-Identifier: Apache-2.0
// Locations, checksums, placeholders, per-script settings and duplicates (spec §2.4, §2.7, §3,
// §6.7, §8), on real files; the checksums against rows genuine Flyway 11.13.2 wrote.
#include <jetway/core/error.hpp>
#include <jetway/core/migration_resolver.hpp>

#include <gtest/gtest.h>

#include "resolve/placeholder_replacer.hpp"
#include "resolve/script_reader.hpp"
#include "flyway_tsv.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using jetway::core::configuration;
using jetway::core::resolve_migrations;
using jetway::test::write_file;

namespace {

const fs::path case_folders = fs::path(JW_TEST_SOURCE_DIR) / "tests" / "data" / "checksum-cases";

// script -> checksum from a *.flyway-<version>.tsv file.
std::map<std::string, std::string> flyway_checksums(const fs::path& tsv) {
    std::map<std::string, std::string> out;
    for (const auto& cells : jetway::test::read_flyway_tsv(tsv)) out[cells.at(4)] = cells.at(5);
    return out;
}

std::map<std::string, std::string> our_checksums(const fs::path& dir,
                                                 const std::map<std::string, std::string>& placeholders) {
    configuration c;
    auto r = resolve_migrations(c, {"filesystem:" + dir.string()}, placeholders, {});
    std::map<std::string, std::string> out;
    for (const auto& m : r.migrations) out[m.script] = m.checksum ? std::to_string(*m.checksum) : "NULL";
    return out;
}

TEST(Checksum, EdgeCaseFolderMatchesFlyway) {
    const auto expected = flyway_checksums(case_folders / "folder.flyway-11.13.2.tsv");
    ASSERT_EQ(expected.size(), 17u);
    EXPECT_EQ(our_checksums(case_folders / "folder", {{"table", "t_one"}, {"owner", "me"}}), expected);
}

TEST(Checksum, PlaceholderNamesInAnotherCaseMatchFlyway) {
    const auto expected = flyway_checksums(case_folders / "placeholder_case.flyway-11.13.2.tsv");
    ASSERT_EQ(expected.size(), 2u);
    EXPECT_EQ(our_checksums(case_folders / "placeholder_case", {{"table", "t_case"}}), expected);
}

TEST(Checksum, InvalidUtf8IsFlywaysErrorNamingTheFile) {
    try {
        our_checksums(case_folders / "not_utf8", {});
        FAIL() << "no error";
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "Unable to calculate checksum of V1__latin1_byte.sql\nPlease ensure you have "
                  "configured the correct file encoding with 'flyway.encoding' or enable "
                  "'flyway.detectEncoding' to let Flyway detect it for you (the bytes at line 2 "
                  "are not valid UTF-8)");
    }
}

TEST(Checksum, WorkedExamplesOfTheSpec) {
    jetway::test::scratch_dir dir;
    const std::vector<std::pair<std::string, std::int32_t>> cases = {
        {"abc\ndef efg\nxyz", 989464445},
        {"abc\r\ndef efg\nxyz\r\n", 989464445},
        {"abcdef efgxyz", 989464445},
        {"SELECT 1;", 78787420},
        {"\xEF\xBB\xBFSELECT 1;\r\n", 78787420},
        {"CREATE TABLE t (id INT);\n\nINSERT INTO t VALUES (1);\n", 194980085},
        {"", 0},
        {"\n\n\r\n", 0},
        {"alter table migrations.test_table\nadd added_column varchar(16);", -604825677},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        write_file(dir / "f.sql", cases[i].first);
        jetway::core::script_reader reader(dir / "f.sql", "UTF-8", false, "f.sql");
        jetway::core::checksum_builder crc;
        for (std::string chunk; reader.next(chunk);) crc.add(chunk);
        EXPECT_EQ(crc.value(), cases[i].second) << "case " << i;
    }
}

TEST(Checksum, OtherEncodingsDecodeToTheSameText) {
    jetway::test::scratch_dir dir;
    write_file(dir / "V1__latin.sql", "SELECT 'caf\xE9';\n");          // ISO-8859-1
    write_file(dir / "V2__utf8.sql", "SELECT 'caf\xC3\xA9';\n");        // UTF-8
    write_file(dir / "V3__utf16.sql", std::string("\xFF\xFES\0E\0L\0E\0C\0T\0 \0'\0c\0a\0f\0\xE9\0'\0;\0\n\0", 30));
    write_file(dir / "V1__latin.sql.conf", "encoding=ISO-8859-1\n");
    write_file(dir / "V3__utf16.sql.conf", "encoding=UTF-16LE\n");
    configuration c;
    auto r = resolve_migrations(c, {"filesystem:" + dir.path().string()}, {}, {});
    ASSERT_EQ(r.migrations.size(), 3u);
    EXPECT_EQ(r.migrations[0].checksum, r.migrations[1].checksum);
    EXPECT_EQ(r.migrations[2].checksum, r.migrations[1].checksum);
}

TEST(Checksum, DetectEncodingRecognisesBomAndFallsBack) {
    jetway::test::scratch_dir dir;
    write_file(dir / "V1__latin.sql", "SELECT 'caf\xE9';\n");
    write_file(dir / "V2__utf8.sql", "SELECT 'caf\xC3\xA9';\n");
    configuration c;
    c.detect_encoding = true;
    c.encoding = "windows-1252";
    auto r = resolve_migrations(c, {"filesystem:" + dir.path().string()}, {}, {});
    ASSERT_EQ(r.migrations.size(), 2u);
    EXPECT_EQ(r.migrations[0].checksum, r.migrations[1].checksum);
}

TEST(Placeholders, ReplacedCaseInsensitivelyAcrossChunkBoundaries) {
    jetway::core::placeholder_replacer r({{"Name", "people"}}, "${", "}", "V1__x.sql");
    std::string out;
    r.feed("select * from $", out);
    r.feed("{NAME} where x = '$", out);
    r.feed("{name}'; $ {not} $", out);
    r.finish(out);
    EXPECT_EQ(out, "select * from people where x = 'people'; $ {not} $");
}

TEST(Placeholders, UnknownNameNamesFileAndLine) {
    jetway::core::placeholder_replacer r({}, "${", "}", "V1__x.sql");
    std::string out;
    try {
        r.feed("select 1;\nselect ${missing};", out);
        FAIL();
    } catch (const jetway::core::error& e) {
        // Genuine Flyway 11.13.2's words (it always says line 1 col 1), then the real line.
        EXPECT_EQ(std::string(e.what()), "Unable to parse statement in V1__x.sql at line 1 col 1. See https://rd.gt/3ipi7Pm "
                                         "for more information. No value provided for placeholder: ${missing}.  Check your "
                                         "configuration!\n(the placeholder is at line 2)");
    }
}

TEST(Placeholders, CustomPrefixAndSuffix) {
    jetway::core::placeholder_replacer r({{"x", "1"}}, "[[", "]]", "f");
    std::string out;
    r.feed("a [[x]] b ${x} [x]", out);
    r.finish(out);
    EXPECT_EQ(out, "a 1 b ${x} [x]");
}

class Resolution : public ::testing::Test {
 protected:
    jetway::core::resolution resolve(configuration c = {}) {
        c.working_directory = dir_.path();
        return resolve_migrations(c, locations_, {}, {});
    }
    jetway::test::scratch_dir dir_;
    std::vector<std::string> locations_{"filesystem:sql"};
};

TEST_F(Resolution, RecursiveSortedRelativeScriptsHiddenDirectoriesSkipped) {
    write_file(dir_ / "sql" / "V2__b.sql", "select 2;");
    write_file(dir_ / "sql" / "sub" / "V1__a.sql", "select 1;");
    write_file(dir_ / "sql" / ".hidden" / "V3__c.sql", "select 3;");
    write_file(dir_ / "sql" / "README.md", "not a migration");
    auto r = resolve();
    ASSERT_EQ(r.migrations.size(), 2u);
    EXPECT_EQ(r.migrations[0].script, "V2__b.sql");
    EXPECT_EQ(r.migrations[1].script, "sub/V1__a.sql");
    EXPECT_EQ(r.migrations[1].path, dir_ / "sql" / "sub" / "V1__a.sql");
}

TEST_F(Resolution, DuplicateVersionsListBothFiles) {
    write_file(dir_ / "sql" / "V1.1__a.sql", "select 1;");
    write_file(dir_ / "sql" / "V1.01__b.sql", "select 2;");
    try {
        resolve();
        FAIL();
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "Found more than one migration with version 1.01\nOffenders:\n-> " +
                      (dir_ / "sql" / "V1.01__b.sql").string() + " (SQL)\n-> " +
                      (dir_ / "sql" / "V1.1__a.sql").string() + " (SQL)");
    }
}

TEST_F(Resolution, DuplicateRepeatableDescriptions) {
    write_file(dir_ / "sql" / "R__view.sql", "select 1;");
    write_file(dir_ / "sql" / "sub" / "R__view.sql", "select 2;");
    try {
        resolve();
        FAIL();
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()).rfind("Found more than one repeatable migration with description view\nOffenders:\n-> ", 0), 0u);
    }
}

TEST_F(Resolution, BaselineAndVersionedOfOneVersionCoexist) {
    write_file(dir_ / "sql" / "B5__base.sql", "select 1;");
    write_file(dir_ / "sql" / "V5__five.sql", "select 2;");
    EXPECT_EQ(resolve().migrations.size(), 2u);
}

TEST_F(Resolution, InvalidNamesIgnoredOrFatalWithValidateMigrationNaming) {
    write_file(dir_ / "sql" / "V1__ok.sql", "select 1;");
    write_file(dir_ / "sql" / "create.sql", "select 2;");
    write_file(dir_ / "sql" / "V1.x__bad.sql", "select 3;");
    EXPECT_EQ(resolve().migrations.size(), 1u);
    configuration c;
    c.validate_migration_naming = true;
    try {
        resolve(c);
        FAIL();
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "Invalid SQL filenames found:\r\nInvalid versioned migration name format: "
                  "V1.x__bad.sql (could not recognise version number 1.x)\r\nUnrecognised "
                  "migration name format: create.sql");
    }
}

TEST_F(Resolution, RepeatableChecksumFollowsPlaceholderValuesVersionedDoesNot) {
    write_file(dir_ / "sql" / "V1__t.sql", "create table ${t} (a int);");
    write_file(dir_ / "sql" / "R__v.sql", "create view v as select * from ${t};");
    configuration c;
    c.working_directory = dir_.path();
    auto a = resolve_migrations(c, locations_, {{"t", "one"}}, {});
    auto b = resolve_migrations(c, locations_, {{"t", "two"}}, {});
    EXPECT_EQ(a.migrations[1].checksum, b.migrations[1].checksum) << "versioned: raw text";
    EXPECT_NE(a.migrations[0].checksum, b.migrations[0].checksum) << "repeatable: replaced text";
    EXPECT_EQ(a.migrations[0].equivalent_checksum, b.migrations[0].equivalent_checksum);
}

TEST_F(Resolution, PerScriptConfigAndUnknownKey) {
    write_file(dir_ / "sql" / "V1__t.sql", "vacuum;");
    write_file(dir_ / "sql" / "V1__t.sql.conf", "executeInTransaction=false\n# note\nplaceholderReplacement=false\n");
    auto r = resolve();
    ASSERT_EQ(r.migrations.size(), 1u);
    EXPECT_EQ(r.migrations[0].settings.execute_in_transaction, false);
    EXPECT_FALSE(r.migrations[0].placeholder_replacement);

    write_file(dir_ / "sql" / "V1__t.sql.conf", "executeInTransaktion=false\n");
    try {
        resolve();
        FAIL();
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "Unknown configuration property: executeInTransaktion. Please check your script "
                  "config files (file " + (dir_ / "sql" / "V1__t.sql.conf").string() + ":1)");
    }
}

TEST_F(Resolution, WildcardLocations) {
    write_file(dir_ / "db" / "a" / "migrations" / "V1__a.sql", "select 1;");
    write_file(dir_ / "db" / "b" / "migrations" / "V2__b.sql", "select 2;");
    write_file(dir_ / "db" / "b" / "other" / "V3__c.sql", "select 3;");
    locations_ = {"filesystem:db/*/migrations"};
    auto r = resolve();
    ASSERT_EQ(r.migrations.size(), 2u);
    EXPECT_EQ(r.migrations[0].script, "a/migrations/V1__a.sql");
    locations_ = {"filesystem:db/**/V2__*.sql"};
    r = resolve();
    ASSERT_EQ(r.migrations.size(), 1u);
    EXPECT_EQ(r.migrations[0].description, "b");
}

TEST_F(Resolution, MissingLocationSkippedOrFatal) {
    locations_ = {"filesystem:nowhere"};
    EXPECT_EQ(resolve().migrations.size(), 0u);
    configuration c;
    c.fail_on_missing_locations = true;
    try {
        resolve(c);
        FAIL();
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "Failed to find filesystem location: " + (dir_ / "nowhere").string() + " (not found)");
    }
}

TEST_F(Resolution, CallbacksAreNotMigrationsAndSortByDescription) {
    write_file(dir_ / "sql" / "V1__a.sql", "select 1;");
    write_file(dir_ / "sql" / "beforeMigrate__b.sql", "select 2;");
    write_file(dir_ / "sql" / "beforeMigrate.sql", "select 3;");
    write_file(dir_ / "sql" / "afterMigrate__a.sql", "select 4;");
    auto r = resolve();
    EXPECT_EQ(r.migrations.size(), 1u);
    ASSERT_EQ(r.callbacks.size(), 3u);
    EXPECT_EQ(r.callbacks[0].event, "afterMigrate");
    EXPECT_EQ(r.callbacks[1].script, "beforeMigrate.sql");
    EXPECT_EQ(r.callbacks[2].script, "beforeMigrate__b.sql");
}

}  // namespace
