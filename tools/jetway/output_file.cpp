// SPDX-License-Identifier: Apache-2.0
#include "output_file.hpp"

#include "secret_scrubber.hpp"

#include <jetway/core/error.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <streambuf>

namespace jetway::cli {
namespace {

std::mutex file_mutex;
std::ofstream file_stream;

// std::cout's buffer while a file is open: every character goes to the terminal's buffer as
// before, and each finished line (scrubbed) to the file.
class tee_buffer final : public std::streambuf {
 public:
    explicit tee_buffer(std::streambuf* original) : original_(original) {}
    std::streambuf* original() const noexcept { return original_; }
    void finish() {
        if (!line_.empty()) write_line();
    }

 protected:
    int_type overflow(int_type ch) override {
        if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
        if (original_->sputc(traits_type::to_char_type(ch)) == traits_type::eof()) return traits_type::eof();
        line_ += traits_type::to_char_type(ch);
        if (ch == '\n') write_line();
        return ch;
    }
    std::streamsize xsputn(const char* text, std::streamsize count) override {
        for (std::streamsize i = 0; i < count; ++i)
            if (traits_type::eq_int_type(overflow(traits_type::to_int_type(text[i])), traits_type::eof())) return i;
        return count;
    }
    int sync() override { return original_->pubsync(); }

 private:
    void write_line() {
        std::lock_guard lock(file_mutex);
        file_stream << scrub_secrets(line_);
        file_stream.flush();
        line_.clear();
    }
    std::streambuf* original_;
    std::string line_;
};

std::unique_ptr<tee_buffer> active_tee;

}  // namespace

void open_output_file(const std::filesystem::path& file, const std::string& origin) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    {
        std::lock_guard lock(file_mutex);
        file_stream.open(file, std::ios::binary | std::ios::trunc);
        if (!file_stream)
            throw core::error(core::error_code::configuration, "Unable to write the output file " + file.string() +
                                                                   " (flyway.outputFile, set by " + origin +
                                                                   "): " + std::strerror(errno));
    }
    active_tee = std::make_unique<tee_buffer>(std::cout.rdbuf());
    std::cout.rdbuf(active_tee.get());
}

void copy_to_output_file(std::string_view text) {
    std::lock_guard lock(file_mutex);
    if (!file_stream.is_open()) return;
    file_stream << text;
    file_stream.flush();
}

void close_output_file() {
    if (active_tee != nullptr) {
        std::cout.flush();
        active_tee->finish();
        std::cout.rdbuf(active_tee->original());
        active_tee.reset();
    }
    std::lock_guard lock(file_mutex);
    if (file_stream.is_open()) file_stream.close();
}

}  // namespace jetway::cli
