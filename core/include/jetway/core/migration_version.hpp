// SPDX-License-Identifier: Apache-2.0
// Flyway's migration versions (spec §2.3): "1_1" displays as "1.1" and equals 1.01 and 1.1.0.
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <vector>

namespace jetway::core {

class migration_version {
 public:
    /// Parses the version text of a file name or history row. Throws core::error with Flyway's
    /// message "Version may only contain 0..9 and . (dot). Invalid version: <v>".
    static migration_version parse(std::string_view text);
    /// True when `text` parses.
    static bool is_valid(std::string_view text) noexcept;

    /// The display and history text: underscores turned into dots, leading zeros kept.
    const std::string& text() const noexcept { return text_; }

    /// Numeric comparison, part by part; missing parts count as zero.
    std::strong_ordering operator<=>(const migration_version& other) const noexcept;
    bool operator==(const migration_version& other) const noexcept {
        return (*this <=> other) == std::strong_ordering::equal;
    }

 private:
    std::string text_;
    // Each part as a sign and its digits without leading zeros ("0" for zero); trailing zero
    // parts removed. Arbitrary precision, as Flyway uses BigInteger.
    struct part {
        bool negative = false;
        std::string digits;
    };
    std::vector<part> parts_;
};

}  // namespace jetway::core
