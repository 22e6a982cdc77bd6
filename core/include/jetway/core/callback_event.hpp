// SPDX-License-Identifier: Apache-2.0
// Flyway's callback events (spec §9.1), by the ids SQL callback files are named after.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jetway::core {

/// Every event id a callback file may be named after, in Flyway's spelling.
const std::vector<std::string>& callback_event_ids();

/// True when `id` is one of callback_event_ids().
bool is_callback_event(std::string_view id);

}  // namespace jetway::core
