// SPDX-License-Identifier: Apache-2.0
// Reads a migration file as UTF-8 text in bounded chunks: decoded from its encoding, strictly,
// with a leading byte-order mark removed. Memory stays flat whatever the file's size.
#pragma once

#include "text_decoder.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace jetway::core {

class script_reader {
 public:
    /// `display_name` is what errors call the file (Flyway uses the file name).
    script_reader(const std::filesystem::path& file, const std::string& encoding,
                  bool detect, std::string display_name);

    /// Replaces `out` with the next piece of text; false at the end of the file. Throws
    /// core::error with Flyway's "Unable to calculate checksum" message on undecodable bytes.
    bool next(std::string& out);

 private:
    [[noreturn]] void fail() const;

    std::ifstream in_;
    std::string display_name_;
    std::string encoding_;
    std::unique_ptr<text_decoder> decoder_;
    bool at_start_ = true;
    bool done_ = false;
    std::unique_ptr<char[]> buffer_;  // reused for every read: no allocation per chunk
};

/// Flyway's checksum (spec §3.1): CRC-32 over the UTF-8 of every line with nothing between lines,
/// i.e. over the text with every CR and LF left out, as a signed 32-bit number.
class checksum_builder {
 public:
    void add(std::string_view utf8_text) noexcept;
    std::int32_t value() const noexcept;

 private:
    unsigned long crc_ = 0;
};

}  // namespace jetway::core
