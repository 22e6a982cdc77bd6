// SPDX-License-Identifier: Apache-2.0
#include "script_file.hpp"

#include "../support/text.hpp"

namespace jetway::core {

void throw_statement_failure(const script_file& file, const split_statement& s, const error& e) {
    const std::string title = "Failed to execute script " + file.path.filename().string();
    std::string message = e.what();
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    // Flyway prints the resource's location, then its path on disk: for a file of a filesystem
    // location both are the absolute path. A plugin's script keeps the name the plugin gave it.
    const std::string disk = file.path.string();
    const bool under_location = disk.size() > file.script.size() &&
                                disk.compare(disk.size() - file.script.size(), file.script.size(), file.script) == 0 &&
                                disk[disk.size() - file.script.size() - 1] == '/';
    // A database without SQLSTATEs (SQLite): Flyway prints Java's null.
    const std::string sqlstate = e.sqlstate().empty() ? "null" : e.sqlstate();
    throw error(error_code::sql_failed,
                title + "\n" + std::string(title.size(), '-') + "\nSQL State  : " + sqlstate +
                    "\nError Code : " + std::to_string(e.vendor_code()) + "\nMessage    : " + message +
                    "\nLocation   : " + (under_location ? disk : file.script) + " (" + disk + ")" +
                    "\nLine       : " + std::to_string(s.line) + "\nStatement  : " + quote_for_message(s.sql),
                e.sqlstate(), e.vendor_code());
}

}  // namespace jetway::core
