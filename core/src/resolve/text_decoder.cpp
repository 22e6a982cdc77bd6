// SPDX-License-Identifier: Apache-2.0
#include "text_decoder.hpp"

#include "../support/text.hpp"

#include <iconv.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <cctype>
#include <cerrno>
#include <stdexcept>

namespace jetway::core {
namespace {

// Length of the UTF-8 sequence starting with `lead`, 0 when it cannot start one.
std::size_t sequence_length(unsigned char lead) noexcept {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

// Whether the complete sequence s[0..n) is valid (no overlongs, surrogates or > U+10FFFF).
bool valid_sequence(const unsigned char* s, std::size_t n) noexcept {
    for (std::size_t i = 1; i < n; ++i)
        if ((s[i] & 0xC0) != 0x80) return false;
    if (n == 3) {
        if (s[0] == 0xE0 && s[1] < 0xA0) return false;
        if (s[0] == 0xED && s[1] > 0x9F) return false;
    } else if (n == 4) {
        if (s[0] == 0xF0 && s[1] < 0x90) return false;
        if (s[0] == 0xF4 && s[1] > 0x8F) return false;
    }
    return true;
}

}  // namespace

text_decoder::text_decoder(const std::string& encoding) {
    const std::string name = to_upper(encoding);
    utf8_ = name == "UTF-8" || name == "UTF8";
    if (utf8_) return;
    iconv_t cd = ::iconv_open("UTF-8", encoding.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw std::invalid_argument("Unsupported encoding: " + encoding);
    iconv_ = cd;
}

text_decoder::~text_decoder() {
    if (iconv_ != nullptr) ::iconv_close(static_cast<iconv_t>(iconv_));
}

void text_decoder::count_lines(std::string_view decoded) noexcept {
    line_ += count_newlines(decoded);
}

bool text_decoder::decode_utf8(std::string_view bytes, std::string& out) {
    const std::size_t start = out.size();
    std::size_t i = 0;
    // Finish a sequence split at the previous chunk's end.
    while (!pending_.empty() && i < bytes.size()) {
        pending_ += bytes[i++];
        const std::size_t need = sequence_length(static_cast<unsigned char>(pending_[0]));
        if (pending_.size() < need) continue;
        if (!valid_sequence(reinterpret_cast<const unsigned char*>(pending_.data()), need)) return false;
        out += pending_;
        pending_.clear();
    }
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t run_start = i;
    while (i < bytes.size()) {
        // ASCII, eight bytes at a time: no byte with its top bit set.
        std::uint64_t word = 0;
        if (i + sizeof word <= bytes.size() && (std::memcpy(&word, s + i, sizeof word), (word & 0x8080808080808080ull) == 0)) {
            i += sizeof word;
            continue;
        }
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = sequence_length(s[i]);
        if (n == 0) {
            out.append(bytes.substr(run_start, i - run_start));
            count_lines(std::string_view(out).substr(start));
            return false;
        }
        if (i + n > bytes.size()) {
            out.append(bytes.substr(run_start, i - run_start));
            pending_.assign(bytes.substr(i));
            count_lines(std::string_view(out).substr(start));
            return true;
        }
        if (!valid_sequence(s + i, n)) {
            out.append(bytes.substr(run_start, i - run_start));
            count_lines(std::string_view(out).substr(start));
            return false;
        }
        i += n;
    }
    out.append(bytes.substr(run_start));
    count_lines(std::string_view(out).substr(start));
    return true;
}

bool text_decoder::decode(std::string_view bytes, std::string& out) {
    if (utf8_) return decode_utf8(bytes, out);
    std::string input = pending_;
    input.append(bytes);
    pending_.clear();
    char* in = input.data();
    std::size_t in_left = input.size();
    const std::size_t start = out.size();
    char buffer[16384];
    while (in_left > 0) {
        char* o = buffer;
        std::size_t o_left = sizeof buffer;
        const std::size_t rc = ::iconv(static_cast<iconv_t>(iconv_), &in, &in_left, &o, &o_left);
        out.append(buffer, sizeof buffer - o_left);
        if (rc != static_cast<std::size_t>(-1)) continue;
        if (errno == E2BIG) continue;
        if (errno == EINVAL) {  // incomplete sequence at the end: keep it for the next chunk
            pending_.assign(in, in_left);
            break;
        }
        count_lines(std::string_view(out).substr(start));
        return false;  // EILSEQ
    }
    count_lines(std::string_view(out).substr(start));
    return true;
}

bool text_decoder::finish() { return pending_.empty(); }

bool is_valid_utf8(std::string_view bytes) noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = sequence_length(s[i]);
        if (n == 0 || i + n > bytes.size() || !valid_sequence(s + i, n)) return false;
        i += n;
    }
    return true;
}

std::string detect_encoding(std::string_view head, bool whole_file_is_utf8,
                            const std::string& fallback) {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") return "UTF-8";
    if (head.substr(0, 2) == "\xFF\xFE") return "UTF-16LE";
    if (head.substr(0, 2) == "\xFE\xFF") return "UTF-16BE";
    return whole_file_is_utf8 ? "UTF-8" : fallback;
}

}  // namespace jetway::core
