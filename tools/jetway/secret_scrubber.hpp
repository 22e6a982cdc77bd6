// SPDX-License-Identifier: Apache-2.0
// The last line of defence for "passwords never appear in any output": every log line and error
// printed by the CLI has the run's known secrets replaced by ***. URLs are redacted where they are
// printed; this catches what a database driver or a user's SQL error might echo back.
#pragma once

#include <jetway/core/configuration.hpp>

#include <string>

namespace jetway::cli {

/// Remembers the password and the credentials found in the URL of `config`.
void register_secrets(const core::configuration& config);

/// `text` with every registered secret (3 characters or more) replaced by ***.
std::string scrub_secrets(std::string text);

}  // namespace jetway::cli
