// SPDX-License-Identifier: Apache-2.0
// The process's environment as a map: what the CLI and libjetway give the engine.
#pragma once

#include <map>
#include <string>

namespace jetway::cli {

std::map<std::string, std::string> process_environment();

}  // namespace jetway::cli
