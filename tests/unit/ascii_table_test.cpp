// SPDX-License-Identifier: Apache-2.0
// Flyway's ASCII table layout (spec §1.12).
#include <gtest/gtest.h>

#include <jetway/core/ascii_table.hpp>

TEST(AsciiTable, ColumnsAsWideAsTheirWidestCell) {
    EXPECT_EQ(jetway::core::render_ascii_table({"Category", "Version"},
                                              {{"Versioned", "1"}, {"Repeatable", ""}}, "none"),
              "+------------+---------+\n"
              "| Category   | Version |\n"
              "+------------+---------+\n"
              "| Versioned  | 1       |\n"
              "| Repeatable |         |\n"
              "+------------+---------+\n");
}

TEST(AsciiTable, MultibyteTextCountsCharacters) {
    EXPECT_EQ(jetway::core::render_ascii_table({"D"}, {{"Größe"}}, "none"),
              "+-------+\n| D     |\n+-------+\n| Größe |\n+-------+\n");
}
