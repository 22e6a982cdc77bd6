// SPDX-License-Identifier: Apache-2.0
// The report a person opens, opened in a real browser (Debian's chromium, headless, with every
// host name unresolvable so nothing can be fetched): no console message, the run's migrations
// on the page, and the chart's bars on a screenshot.
#include <png.h>

#include "sqlite_fixture.hpp"

#include <sstream>

namespace fs = std::filesystem;
using jetway::test::process_result;
using jetway::test::run_process;

namespace {

class ReportInBrowser : public jetway::test::SqliteProject {
 protected:
    // chromium on `page`, with `extra` (--dump-dom, --screenshot=...); its own profile and home.
    process_result chromium(const fs::path& page, std::vector<std::string> extra) {
        std::vector<std::string> argv{"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                      "--no-first-run", "--disable-extensions", "--user-data-dir=" + (dir_ / "profile").string(),
                                      "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
                                      "--window-size=1200,900"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        argv.push_back("file://" + page.string());
        return run_process(argv, {"HOME=" + (dir_ / "profile").string()}, dir_.path());
    }
    static std::vector<std::string> console_lines(const std::string& log) {
        std::vector<std::string> lines;
        std::stringstream in(log);
        for (std::string line; std::getline(in, line);)
            if (line.find(":CONSOLE") != std::string::npos) lines.push_back(line);
        return lines;
    }
};

// How many pixels of the screenshot have exactly this colour.
std::size_t pixels_of_colour(const fs::path& png_file, unsigned char r, unsigned char g, unsigned char b) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_file(&image, png_file.c_str()) == 0) return 0;
    image.format = PNG_FORMAT_RGB;
    std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
    if (png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr) == 0) return 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i + 2 < pixels.size(); i += 3)
        if (pixels[i] == r && pixels[i + 1] == g && pixels[i + 2] == b) ++count;
    return count;
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

TEST_F(ReportInBrowser, ASuccessfulRunsPageLoadsCleanlyAndDrawsEveryMigrationsBar) {
    migration("V1__create_people.sql", "CREATE TABLE people (id INT);");
    // Long enough to take the chart's full width beside the first.
    migration("V2__count_a_lot.sql", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) "
                                     "SELECT count(*) FROM c;");
    const auto run = jetway({"-reportEnabled=true", "-outputQueryResults=false", "migrate"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const fs::path page = dir_ / "report.html";

    const auto dom = chromium(page, {"--dump-dom"});
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    EXPECT_EQ(console_lines(dom.err), std::vector<std::string>{}) << "the page logs nothing, errors least of all";
    EXPECT_NE(dom.out.find("<div class=\"status ok\" id=\"status\">Succeeded</div>"), std::string::npos) << dom.out;
    EXPECT_NE(dom.out.find("<title>Jetway report</title>"), std::string::npos);
    EXPECT_NE(dom.out.find("<h1 id=\"title\">Jetway report: migrate</h1>"), std::string::npos);
    EXPECT_EQ(occurrences(dom.out, "<rect class=\"bar\""), 2u) << "one bar per migration run";
    EXPECT_NE(dom.out.find(">1 create people<"), std::string::npos) << dom.out;
    EXPECT_NE(dom.out.find(">2 count a lot<"), std::string::npos) << dom.out;
    EXPECT_EQ(occurrences(dom.out, "<td>Success</td>"), 2u) << "the schema history after the run";

    const fs::path shot = dir_ / "report.png";
    const auto screenshot = chromium(page, {"--screenshot=" + shot.string()});
    ASSERT_EQ(screenshot.exit_code, 0) << screenshot.err;
    // The bars' colour (#2b6cb0): the longer bar alone is 560 x 18 pixels.
    EXPECT_GE(pixels_of_colour(shot, 0x2b, 0x6c, 0xb0), 560u * 18u) << "the chart is drawn";
}

TEST_F(ReportInBrowser, AFailedRunsPageSaysWhyAndShowsWhatStayedApplied) {
    migration("V1__create_people.sql", "CREATE TABLE people (id INT);");
    migration("V2__again.sql", "CREATE TABLE people (id INT);");
    const auto run = jetway({"-reportEnabled=true", "-reportFilename=reports/nightly.html", "migrate"});
    ASSERT_EQ(run.exit_code, 1);
    const fs::path page = dir_ / "reports" / "nightly.html";
    ASSERT_TRUE(fs::exists(page)) << run.err;

    const auto dom = chromium(page, {"--dump-dom"});
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    EXPECT_EQ(console_lines(dom.err), std::vector<std::string>{});
    EXPECT_NE(dom.out.find("<div class=\"status failed\" id=\"status\">Failed (DB_ERROR)</div>"), std::string::npos) << dom.out;
    EXPECT_NE(dom.out.find("Message    : table people already exists"), std::string::npos) << dom.out;
    EXPECT_EQ(occurrences(dom.out, "<rect class=\"bar\""), 1u) << "V1 ran before the failure";
    EXPECT_NE(dom.out.find("<td>Success</td>"), std::string::npos);
    EXPECT_NE(dom.out.find("<td>Pending</td>"), std::string::npos) << "V2 is still to apply";
}

TEST_F(ReportInBrowser, ACheckDryrunsPageListsThePendingMigrationsInOrderWithTheirSql) {
    migration("V1__create_people.sql", "CREATE TABLE people (id INT);");
    migration("V2__add_name.sql", "ALTER TABLE people ADD name TEXT;");
    const auto run = jetway({"check", "-dryrun"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto dom = chromium(dir_ / "report.html", {"--dump-dom"});
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    EXPECT_EQ(console_lines(dom.err), std::vector<std::string>{});
    EXPECT_NE(dom.out.find("<section id=\"dryrun-section\"><h2>"), std::string::npos) << "shown, no longer hidden\n" << dom.out;
    const std::size_t first = dom.out.find("<td>create people</td>");
    const std::size_t second = dom.out.find("<td>add name</td>");
    ASSERT_NE(first, std::string::npos) << dom.out;
    ASSERT_NE(second, std::string::npos) << dom.out;
    EXPECT_LT(first, second) << "in the order migrate applies them";
    EXPECT_NE(dom.out.find("ALTER TABLE people ADD name TEXT;"), std::string::npos);
}

TEST_F(ReportInBrowser, ACheckDriftsPageShowsWhatDiffers) {
    migration("V1__create_people.sql", "CREATE TABLE people (id INT);\nCREATE INDEX people_id ON people (id);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    jetway::test::sqlite_execute(db(), "DROP INDEX people_id; CREATE TABLE extra (x INT);");
    ASSERT_EQ(jetway({"check", "-drift"}).exit_code, 1);
    const auto dom = chromium(dir_ / "report.html", {"--dump-dom"});
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    EXPECT_EQ(console_lines(dom.err), std::vector<std::string>{});
    EXPECT_NE(dom.out.find("<div class=\"status failed\" id=\"drift-status\">Drift detected</div>"), std::string::npos) << dom.out;
    EXPECT_NE(dom.out.find("<td>extra</td>"), std::string::npos) << dom.out;
    EXPECT_NE(dom.out.find("<td>people.people_id</td>"), std::string::npos) << dom.out;
}

}  // namespace
