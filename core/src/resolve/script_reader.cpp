// SPDX-License-Identifier: Apache-2.0
#include "script_reader.hpp"

#include <jetway/core/error.hpp>

#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace jetway::core {
namespace {
constexpr std::size_t chunk_size = 64 * 1024;
}

script_reader::script_reader(const std::filesystem::path& file, const std::string& encoding,
                             bool detect, std::string display_name)
    : in_(file, std::ios::binary), display_name_(std::move(display_name)), encoding_(encoding) {
    if (!in_)
        throw error(error_code::resolution_failed,
                    "Unable to read migration file " + file.string() + ": " + std::strerror(errno));
    if (detect) {
        // One extra pass over the bytes: cheap next to the database, and only when asked for.
        std::string head(4, '\0');
        in_.read(head.data(), 4);
        head.resize(static_cast<std::size_t>(in_.gcount()));
        in_.clear();
        in_.seekg(0);
        bool utf8 = true;
        text_decoder probe("UTF-8");
        std::string sink;
        std::string buffer(chunk_size, '\0');
        while (utf8 && in_) {
            in_.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            sink.clear();
            utf8 = probe.decode(std::string_view(buffer.data(), static_cast<std::size_t>(in_.gcount())), sink);
        }
        utf8 = utf8 && probe.finish();
        in_.clear();
        in_.seekg(0);
        encoding_ = detect_encoding(head, utf8, encoding);
    }
    try {
        decoder_ = std::make_unique<text_decoder>(encoding_);
    } catch (const std::invalid_argument& e) {
        throw error(error_code::configuration,
                    std::string(e.what()) + " (reading " + display_name_ + ")");
    }
}

void script_reader::fail() const {
    throw error(error_code::resolution_failed,
                "Unable to calculate checksum of " + display_name_ +
                    "\nPlease ensure you have configured the correct file encoding with "
                    "'flyway.encoding' or enable 'flyway.detectEncoding' to let Flyway detect it "
                    "for you (the bytes at line " +
                    std::to_string(decoder_->error_line()) + " are not valid " + encoding_ + ")");
}

bool script_reader::next(std::string& out) {
    out.clear();
    // Not zero-filled: every migration is read up to three times (checksum, analysis, run),
    // and clearing 64 KB each time was 5% of migrating 1,000 small files.
    if (!buffer_) buffer_ = std::make_unique_for_overwrite<char[]>(chunk_size);
    while (out.empty() && !done_) {
        in_.read(buffer_.get(), static_cast<std::streamsize>(chunk_size));
        const auto got = static_cast<std::size_t>(in_.gcount());
        if (got == 0) {
            done_ = true;
            if (!decoder_->finish()) fail();
            break;
        }
        if (!decoder_->decode(std::string_view(buffer_.get(), got), out)) fail();
        // The decoder emits U+FEFF whole (its three UTF-8 bytes), so it cannot be split here.
        if (at_start_ && !out.empty()) {
            if (out.compare(0, 3, "\xEF\xBB\xBF") == 0) out.erase(0, 3);
            at_start_ = false;
        }
    }
    return !out.empty();
}

void checksum_builder::add(std::string_view text) noexcept {
    // Line by line with memchr, then the CRs within a line: much faster than testing each byte.
    const char* from = text.data();
    const char* const end = from + text.size();
    auto find = [](const char* p, const char* e, char c) {
        const void* found = std::memchr(p, c, static_cast<std::size_t>(e - p));
        return found == nullptr ? e : static_cast<const char*>(found);
    };
    while (from < end) {
        const char* const eol = find(from, end, '\n');
        for (const char* piece = from; piece < eol;) {
            const char* const cr = find(piece, eol, '\r');
            if (cr > piece) crc_ = ::crc32(crc_, reinterpret_cast<const Bytef*>(piece), static_cast<uInt>(cr - piece));
            piece = cr + 1;
        }
        from = eol + 1;
    }
}

std::int32_t checksum_builder::value() const noexcept {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(crc_));
}

}  // namespace jetway::core
