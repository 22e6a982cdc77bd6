// SPDX-License-Identifier: Apache-2.0
// Fills the lazy caches of the global locale's ctype<char> facet once per process.
#pragma once

namespace jetway::core {

/// libstdc++ fills ctype<char>'s narrow() and widen() caches a plain byte at a time the first
/// time std::regex or a stream uses them: harmless, yet a data race when engines on several
/// threads compile their first patterns together (ThreadSanitizer saw it with eight libjetway
/// engines). Filled before any engine reads settings or connects, the caches are only read.
void fill_locale_caches();

}  // namespace jetway::core
