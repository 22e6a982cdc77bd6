// SPDX-License-Identifier: Apache-2.0
// Versions (spec §2.3).
#include <jetway/core/error.hpp>
#include <jetway/core/migration_version.hpp>

#include <gtest/gtest.h>

using jetway::core::migration_version;

namespace {
migration_version v(const char* text) { return migration_version::parse(text); }
}  // namespace

TEST(MigrationVersion, EquivalentSpellingsAreEqual) {
    EXPECT_EQ(v("1.1"), v("1.01"));
    EXPECT_EQ(v("1_1"), v("1.1"));
    EXPECT_EQ(v("1.1.0"), v("1.1"));
    EXPECT_EQ(v("001.1"), v("1.1"));
    EXPECT_EQ(v("1.0.0"), v("1"));
    EXPECT_EQ(v("0.0"), v("0"));
}

TEST(MigrationVersion, DisplayKeepsLeadingZerosAndTurnsUnderscoresIntoDots) {
    EXPECT_EQ(v("1_01").text(), "1.01");
    EXPECT_EQ(v("2.0.0").text(), "2.0.0");
}

TEST(MigrationVersion, ComparesNumericallyPartByPart) {
    EXPECT_LT(v("1.2.3.3"), v("1.2.13.3"));
    EXPECT_LT(v("1.2.1"), v("1.2.1.3"));
    EXPECT_LT(v("201004171859"), v("201004180000"));
    EXPECT_LT(v("9"), v("10"));
    EXPECT_LT(v("99999999999999999999999"), v("100000000000000000000000")) << "arbitrary precision";
    EXPECT_LT(v("-1"), v("0"));
}

TEST(MigrationVersion, RejectsWhatFlywayRejects) {
    for (const char* bad : {"1..1", ".1", "1.", "1.2a", "1.-2", "", "abc"}) {
        EXPECT_FALSE(migration_version::is_valid(bad)) << bad;
    }
    try {
        v("1.2a");
        FAIL();
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()), "Version may only contain 0..9 and . (dot). Invalid version: 1.2a");
    }
}
