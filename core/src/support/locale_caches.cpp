// SPDX-License-Identifier: Apache-2.0
#include "locale_caches.hpp"

#include <locale>
#include <mutex>

namespace jetway::core {

void fill_locale_caches() {
    static std::once_flag filled;
    std::call_once(filled, [] {
        const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
        for (int c = 0; c < 256; ++c) (void)ctype.narrow(static_cast<char>(c), '\0');
        (void)ctype.widen('\n');
    });
}

}  // namespace jetway::core
