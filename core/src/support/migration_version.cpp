// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/error.hpp>
#include <jetway/core/migration_version.hpp>

#include <cctype>

namespace jetway::core {
namespace {

std::strong_ordering compare_magnitude(const std::string& a, const std::string& b) noexcept {
    if (a.size() != b.size()) return a.size() <=> b.size();
    const int c = a.compare(b);
    return c < 0 ? std::strong_ordering::less
                 : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

}  // namespace

migration_version migration_version::parse(std::string_view raw) {
    migration_version v;
    v.text_.assign(raw);
    for (char& c : v.text_)
        if (c == '_') c = '.';
    auto invalid = [&] {
        return error(error_code::resolution_failed,
                     "Version may only contain 0..9 and . (dot). Invalid version: " + v.text_);
    };
    // Flyway splits at every '.' followed by a digit; anything else must parse as an integer.
    std::vector<std::string> pieces;
    std::string current;
    for (std::size_t i = 0; i < v.text_.size(); ++i) {
        const char c = v.text_[i];
        if (c == '.' && i + 1 < v.text_.size() && std::isdigit(static_cast<unsigned char>(v.text_[i + 1]))) {
            pieces.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    pieces.push_back(current);
    for (const std::string& piece : pieces) {
        part p;
        std::size_t i = 0;
        if (i < piece.size() && (piece[i] == '+' || piece[i] == '-')) p.negative = piece[i++] == '-';
        if (i == piece.size()) throw invalid();
        for (; i < piece.size(); ++i) {
            if (!std::isdigit(static_cast<unsigned char>(piece[i]))) throw invalid();
            if (p.digits.empty() && piece[i] == '0') continue;
            p.digits += piece[i];
        }
        if (p.digits.empty()) {
            p.digits.push_back('0');  // not = "0": GCC 12 at -O3 warns of overlapping copies there
            p.negative = false;
        }
        v.parts_.push_back(std::move(p));
    }
    while (v.parts_.size() > 1 && v.parts_.back().digits == "0") v.parts_.pop_back();
    return v;
}

bool migration_version::is_valid(std::string_view text) noexcept {
    try {
        parse(text);
        return true;
    } catch (...) {
        return false;
    }
}

std::strong_ordering migration_version::operator<=>(const migration_version& other) const noexcept {
    const std::size_t n = std::max(parts_.size(), other.parts_.size());
    static const part zero{false, "0"};
    for (std::size_t i = 0; i < n; ++i) {
        const part& a = i < parts_.size() ? parts_[i] : zero;
        const part& b = i < other.parts_.size() ? other.parts_[i] : zero;
        if (a.negative != b.negative) return a.negative ? std::strong_ordering::less : std::strong_ordering::greater;
        auto c = compare_magnitude(a.digits, b.digits);
        if (a.negative) c = 0 <=> c;
        if (c != std::strong_ordering::equal) return c;
    }
    return std::strong_ordering::equal;
}

}  // namespace jetway::core
