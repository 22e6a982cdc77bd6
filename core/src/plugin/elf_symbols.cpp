// SPDX-License-Identifier: Apache-2.0
#include "elf_symbols.hpp"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <stdexcept>

namespace jetway::core {
namespace {

// Reads bounded pieces of the file; every offset and size comes from the file itself, so each
// is checked against the file's size before use: a hostile file must fail, not crash.
class bounded_reader {
 public:
    explicit bounded_reader(const std::filesystem::path& file)
        : in_(file, std::ios::binary), size_(std::filesystem::file_size(file)) {
        if (!in_) throw std::runtime_error("cannot be read");
    }
    std::string read(std::uint64_t offset, std::uint64_t count) {
        if (offset > size_ || count > size_ - offset) throw std::runtime_error("truncated ELF file");
        std::string bytes(static_cast<std::size_t>(count), '\0');
        in_.seekg(static_cast<std::streamoff>(offset));
        in_.read(bytes.data(), static_cast<std::streamsize>(count));
        if (!in_) throw std::runtime_error("truncated ELF file");
        return bytes;
    }
    template <class T>
    T read_struct(std::uint64_t offset) {
        T value;
        const std::string bytes = read(offset, sizeof(T));
        std::memcpy(&value, bytes.data(), sizeof(T));
        return value;
    }

 private:
    std::ifstream in_;
    std::uint64_t size_;
};

std::string c_string_at(const std::string& table, std::uint64_t offset) {
    if (offset >= table.size()) return {};
    const char* start = table.data() + offset;
    return std::string(start, strnlen(start, table.size() - offset));
}

template <class Ehdr, class Shdr, class Sym>
elf_section_symbols read_symbols(bounded_reader& reader, const std::string& wanted) {
    const auto header = reader.read_struct<Ehdr>(0);
    if (header.e_type != ET_DYN) throw std::runtime_error("not a shared library");
    if (header.e_shentsize != sizeof(Shdr) || header.e_shnum == 0)
        throw std::runtime_error("no section table");
    std::vector<Shdr> sections(header.e_shnum);
    for (std::size_t i = 0; i < sections.size(); ++i)
        sections[i] = reader.read_struct<Shdr>(header.e_shoff + i * sizeof(Shdr));
    if (header.e_shstrndx >= sections.size()) throw std::runtime_error("no section names");
    const Shdr& names_section = sections[header.e_shstrndx];
    const std::string names = reader.read(names_section.sh_offset, names_section.sh_size);

    elf_section_symbols result;
    std::size_t wanted_index = 0;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        if (c_string_at(names, sections[i].sh_name) == wanted) {
            result.section_found = true;
            wanted_index = i;
        }
    }
    if (!result.section_found) return result;

    for (const Shdr& s : sections) {
        if (s.sh_type != SHT_DYNSYM) continue;
        if (s.sh_link >= sections.size() || s.sh_entsize != sizeof(Sym))
            throw std::runtime_error("malformed dynamic symbol table");
        const Shdr& strings_section = sections[s.sh_link];
        const std::string strings = reader.read(strings_section.sh_offset, strings_section.sh_size);
        const std::string table = reader.read(s.sh_offset, s.sh_size);
        for (std::size_t off = 0; off + sizeof(Sym) <= table.size(); off += sizeof(Sym)) {
            Sym sym;
            std::memcpy(&sym, table.data() + off, sizeof(Sym));
            if (sym.st_shndx == wanted_index) result.symbols.push_back(c_string_at(strings, sym.st_name));
        }
    }
    return result;
}

}  // namespace

elf_section_symbols read_elf_section_symbols(const std::filesystem::path& file,
                                             const std::string& section) {
    bounded_reader reader(file);
    if (std::filesystem::file_size(file) < EI_NIDENT) throw std::runtime_error("not a shared library");
    const std::string ident = reader.read(0, EI_NIDENT);
    if (std::memcmp(ident.data(), ELFMAG, SELFMAG) != 0) throw std::runtime_error("not a shared library");
    if (ident[EI_DATA] != ELFDATA2LSB) throw std::runtime_error("built for a big-endian machine");
    if (ident[EI_CLASS] == ELFCLASS64) return read_symbols<Elf64_Ehdr, Elf64_Shdr, Elf64_Sym>(reader, section);
    if (ident[EI_CLASS] == ELFCLASS32) return read_symbols<Elf32_Ehdr, Elf32_Shdr, Elf32_Sym>(reader, section);
    throw std::runtime_error("unknown ELF class");
}

}  // namespace jetway::core
