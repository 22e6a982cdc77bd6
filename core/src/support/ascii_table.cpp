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

// Appends in place: building "| " + cell + " |" from temporaries makes GCC 12 at -O3 report a
// -Wrestrict false positive, and appending is cheaper anyway.
void append_padded(std::string& out, const std::string& text, std::size_t width) {
    out += text;
    out.append(width - std::min(width, display_width(text)), ' ');
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
    for (const std::size_t w : widths) {
        ruler.append(w + 2, '-');
        ruler += '+';
    }
    ruler += "\n";

    auto line = [&](const std::vector<std::string>& cells) {
        std::string out = "|";
        for (std::size_t c = 0; c < widths.size(); ++c) {
            out += ' ';
            append_padded(out, c < cells.size() ? cells[c] : std::string{}, widths[c]);
            out += " |";
        }
        out += '\n';
        return out;
    };

    std::string out = ruler + line(headers) + ruler;
    if (rows.empty()) {
        const std::size_t inner = ruler.size() - 1;  // without the newline
        std::string body;
        append_padded(body, "| " + empty_text, inner - 1);
        out += body;
        out += "|\n";
    } else {
        for (const auto& row : rows) out += line(row);
    }
    return out + ruler;
}

}  // namespace jetway::core
