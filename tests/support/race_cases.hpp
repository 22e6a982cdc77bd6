// SPDX-License-Identifier: Apache-2.0
// Issue 9's race matrix, shared by every database's race test: 2, 8 and 16 processes started
// together, against an empty database or one with pending migrations.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <tuple>

namespace jetway::test {

using race_case = std::tuple<int, bool>;  // processes, pending migrations already applied

inline auto race_cases() { return ::testing::Combine(::testing::Values(2, 8, 16), ::testing::Bool()); }

inline std::string race_case_name(const ::testing::TestParamInfo<race_case>& info) {
    return std::to_string(std::get<0>(info.param)) + (std::get<1>(info.param) ? "_pending" : "_empty");
}

}  // namespace jetway::test
