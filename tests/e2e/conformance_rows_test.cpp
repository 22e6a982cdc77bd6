// SPDX-License-Identifier: Apache-2.0
// The history rows genuine Flyway 11.13.2 wrote for the folders in tests/data/checksum-cases (spec
// §4), compared column by column (all but installed_on and execution_time) with what Jetway writes.
#include "flyway_tsv.hpp"
#include "sqlite_fixture.hpp"

namespace fs = std::filesystem;
using jetway::test::rows;

namespace {

const fs::path case_folders = fs::path(JW_TEST_SOURCE_DIR) / "tests" / "data" / "checksum-cases";

// The TSV's rows without installed_on (column 7) and execution_time (column 8).
rows expected_rows(const fs::path& tsv) {
    rows out;
    for (const auto& c : jetway::test::read_flyway_tsv(tsv)) out.push_back({c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[9]});
    return out;
}

class ConformanceRows : public jetway::test::SqliteProject {
 protected:
    rows migrate_folder(const std::string& folder, const std::vector<std::string>& placeholders) {
        std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", url(),
                                      "-locations=filesystem:" + (case_folders / folder).string()};
        argv.insert(argv.end(), placeholders.begin(), placeholders.end());
        argv.push_back("migrate");
        const auto r = jetway::test::run_process(argv, {}, dir_.path());
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return query("SELECT installed_rank, COALESCE(version, 'NULL'), description, type, script, "
                     "COALESCE(checksum, 'NULL'), installed_by, success FROM flyway_schema_history "
                     "ORDER BY installed_rank");
    }
};

TEST_F(ConformanceRows, EdgeCaseFolderWritesFlywaysRows) {
    const rows expected = expected_rows(case_folders / "folder.flyway-11.13.2.tsv");
    ASSERT_EQ(expected.size(), 17u);
    EXPECT_EQ(migrate_folder("folder", {"-placeholders.table=t_one", "-placeholders.owner=me"}), expected);
}

TEST_F(ConformanceRows, PlaceholderNamesInAnotherCaseWriteFlywaysRows) {
    const rows expected = expected_rows(case_folders / "placeholder_case.flyway-11.13.2.tsv");
    ASSERT_EQ(expected.size(), 2u);
    EXPECT_EQ(migrate_folder("placeholder_case", {"-placeholders.table=t_case"}), expected);
}

TEST_F(ConformanceRows, UndecodableFileFailsAndWritesNothing) {
    std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", url(),
                                  "-locations=filesystem:" + (case_folders / "not_utf8").string(), "migrate"};
    const auto r = jetway::test::run_process(argv, {}, dir_.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("ERROR: Unable to calculate checksum of V1__latin1_byte.sql\n"), std::string::npos) << r.err;
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'flyway_schema_history'").empty())
        << "Flyway writes nothing for this folder; neither may we";
}

}  // namespace
