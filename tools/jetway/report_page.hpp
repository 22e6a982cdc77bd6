// SPDX-License-Identifier: Apache-2.0
// The report page's source, with /*JETWAY_REPORT_DATA*/ where the run's JSON goes.
#pragma once

#include <string_view>

namespace jetway::cli {

std::string_view report_page_template();

}  // namespace jetway::cli
