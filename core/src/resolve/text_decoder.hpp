// SPDX-License-Identifier: Apache-2.0
// Turns a file's bytes in any encoding iconv knows into UTF-8, chunk by chunk, strictly: a byte
// sequence that is not valid in the encoding is an error, never a replacement character.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace jetway::core {

class text_decoder {
 public:
    /// Throws std::invalid_argument for an encoding iconv does not know.
    explicit text_decoder(const std::string& encoding);
    ~text_decoder();
    text_decoder(const text_decoder&) = delete;
    text_decoder& operator=(const text_decoder&) = delete;

    /// Appends the UTF-8 of `bytes` to `out`. An incomplete sequence at the end is kept for the
    /// next call. Returns false on an invalid sequence (then error_line() says where).
    bool decode(std::string_view bytes, std::string& out);
    /// False when bytes of an incomplete sequence are left over at the end of the input.
    bool finish();
    /// 1-based line of the decoded text where decoding stopped.
    std::size_t error_line() const noexcept { return line_; }

 private:
    bool decode_utf8(std::string_view bytes, std::string& out);
    void count_lines(std::string_view decoded) noexcept;

    bool utf8_ = false;
    void* iconv_ = nullptr;  // iconv_t, opaque here to keep <iconv.h> out of the header
    std::string pending_;    // bytes of a sequence split across chunks
    std::size_t line_ = 1;
};

/// For detectEncoding=true: the encoding `head` (the file's first bytes) shows by its byte-order
/// mark, "UTF-8" when `whole_file_is_utf8`, else `fallback`.
std::string detect_encoding(std::string_view head, bool whole_file_is_utf8,
                            const std::string& fallback);

/// True when `bytes` is well-formed UTF-8 (used by detect_encoding's caller).
bool is_valid_utf8(std::string_view bytes) noexcept;

}  // namespace jetway::core
