// SPDX-License-Identifier: Apache-2.0
// Lists the exported symbols that a shared library defines in one named section, reading the
// file's ELF tables directly. Nothing is mapped or executed.
//
// Why not boost::dll::library_info: in Boost 1.74 it resolves symbol names against the last
// string table of the file (.shstrtab), which returns garbage for ordinary GCC output. And it
// reads .symtab, which `strip` removes; the dynamic symbol table read here survives stripping.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace jetway::core {

struct elf_section_symbols {
    bool section_found = false;
    std::vector<std::string> symbols;
};

/// The dynamic symbols defined in `section`. Throws std::runtime_error when `file` is not a
/// readable ELF shared object (the message says what is wrong with it).
elf_section_symbols read_elf_section_symbols(const std::filesystem::path& file,
                                             const std::string& section);

}  // namespace jetway::core
