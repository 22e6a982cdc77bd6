// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/ascii_table.hpp>

#include <algorithm>

namespace jetway::core {
namespace {

// Width in characters, not bytes: a UTF-8 description must not skew the ruler.
std::size_t display_width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string pad(const std::string& text, std::size_t width) {
    return text + std::string(width - std::min(width, display_width(text)), ' ');
}

}  // namespace

std::string render_ascii_table(const std::vector<std::string>& headers,
                               const std::vector<std::vector<std::string>>& rows,
                               const std::string& empty_text) {
    std::vector<std::size_t> widths;
    for (const auto& h : headers) widths.push_back(display_width(h));
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], display_width(row[c]));

    std::string ruler = "+";
    for (const std::size_t w : widths) ruler += std::string(w + 2, '-') + "+";
    ruler += "\n";

    auto line = [&](const std::vector<std::string>& cells) {
        std::string out = "|";
        for (std::size_t c = 0; c < widths.size(); ++c)
            out += " " + pad(c < cells.size() ? cells[c] : std::string{}, widths[c]) + " |";
        return out + "\n";
    };

    std::string out = ruler + line(headers) + ruler;
    if (rows.empty()) {
        const std::size_t inner = ruler.size() - 1;  // without the newline
        std::string body = "| " + empty_text;
        body = pad(body, inner - 1) + "|";
        out += body + "\n";
    } else {
        for (const auto& row : rows) out += line(row);
    }
    return out + ruler;
}

}  // namespace jetway::core
