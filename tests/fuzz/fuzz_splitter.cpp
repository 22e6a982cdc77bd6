// SPDX-License-Identifier: Apache-2.0
// Fuzzes the statement splitter with the dialects the shipped drivers describe (read from the
// built plugins, so what is fuzzed is what ships). The first byte picks the dialect and the
// chunk size; the rest is the script. Oracle: fed whole or in chunks, the splitter emits the
// same statements or fails with the same message, and nothing but core::error escapes. Built
// with libpg_query, a second oracle for PostgreSQL: text PostgreSQL's own parser accepts splits
// into the statements it finds (but for COPY data and BEGIN ATOMIC blocks, where Flyway's
// keyword rules decide).
#include <jetway/core/error.hpp>
#include <jetway/plugin_abi.h>

#include "sql/statement_splitter.hpp"

#include <dlfcn.h>
#ifdef JW_FUZZ_PG_QUERY
#include <pg_query.h>
#endif

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using jetway::core::dialect_rules;
using jetway::core::split_statement;

namespace {

std::vector<dialect_rules> g_dialects;

dialect_rules load_dialect(const std::string& jars, const char* driver) {
    const std::string path = jars + "/libjw_driver_" + driver + ".so";
    void* lib = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
        std::fprintf(stderr, "fuzz_splitter: cannot load %s: %s\n", path.c_str(), dlerror());
        std::abort();
    }
    auto init = reinterpret_cast<jw_plugin_init_fn>(dlsym(lib, JW_PLUGIN_ENTRY_SYMBOL));
    static jw_host_v1 host{};
    host.struct_size = static_cast<std::uint32_t>(offsetof(jw_host_v1, log) + sizeof host.log);
    host.api_version = JW_PLUGIN_API_VERSION;
    jw_plugin_v1 plugin{};
    plugin.struct_size = sizeof plugin;
    jw_error err{};
    err.struct_size = sizeof err;
    if (init == nullptr || init(&host, &plugin, &err) != JW_OK || plugin.driver == nullptr) std::abort();
    const jw_dialect_v1& d = *plugin.driver->dialect;
    return dialect_rules::from(d, d.non_transactional != nullptr ? d.non_transactional : "");
}

struct outcome {
    std::vector<std::string> statements;  // sql, line, copy part, data joined
    std::string failure;
    bool operator==(const outcome&) const = default;
};

outcome split(const dialect_rules& rules, std::string_view text, std::size_t chunk) {
    outcome out;
    jetway::core::statement_splitter splitter(rules);
    std::string pending_copy;
    const auto emit = [&](split_statement&& s) {
        // COPY data may arrive in different pieces depending on the chunking: compare it joined.
        if (s.copy == split_statement::copy_part::data) {
            pending_copy += s.copy_data;
            return;
        }
        if (!pending_copy.empty()) out.statements.push_back("COPYDATA " + pending_copy);
        pending_copy.clear();
        out.statements.push_back(std::to_string(static_cast<int>(s.copy)) + ":" + std::to_string(s.line) + ":" +
                                 (s.non_transactional ? "nt:" : "t:") + s.delimiter + ":" + s.sql);
    };
    try {
        for (std::size_t at = 0; at < text.size(); at += chunk) splitter.feed(text.substr(at, chunk), emit);
        splitter.finish(emit);
    } catch (const jetway::core::error& e) {
        out.failure = e.what();
    }
    if (!pending_copy.empty()) out.statements.push_back("COPYDATA " + pending_copy);
    return out;
}

#ifdef JW_FUZZ_PG_QUERY
// A statement without leading comments and surrounding white space (comments nest).
std::string bare(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    std::size_t i = 0;
    for (;;) {
        while (i < s.size() && space(s[i])) ++i;
        if (s.substr(i, 2) == "--") {
            while (i < s.size() && s[i] != '\n') ++i;
        } else if (s.substr(i, 2) == "/*") {
            int depth = 0;
            do {
                const std::string_view two = s.substr(i, 2);
                depth += two == "/*" ? 1 : two == "*/" ? -1 : 0;
                i += two == "/*" || two == "*/" ? 2 : 1;
            } while (depth > 0 && i < s.size());
        } else {
            break;
        }
    }
    std::size_t end = s.size();
    while (end > i && space(s[end - 1])) --end;
    return std::string(s.substr(i, end - i));
}

// The statements PostgreSQL's parser finds, bare; false when it does not accept the text.
bool postgresql_statements(const std::string& text, std::vector<std::string>& out) {
    PgQuerySplitResult r = pg_query_split_with_parser(text.c_str());
    const bool ok = r.error == nullptr;
    for (int i = 0; ok && i < r.n_stmts; ++i) {
        const auto at = static_cast<std::size_t>(r.stmts[i]->stmt_location);
        const auto len = static_cast<std::size_t>(r.stmts[i]->stmt_len);
        if (std::string b = bare(std::string_view(text).substr(at, len == 0 ? std::string::npos : len)); !b.empty())
            out.push_back(std::move(b));
    }
    pg_query_free_split_result(r);
    return ok;
}

void compare_with_postgresql(const dialect_rules& rules, std::string_view text) {
    std::string upper(text);
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (upper.find("COPY") != std::string::npos || upper.find("ATOMIC") != std::string::npos) return;
    std::vector<std::string> theirs;
    if (!postgresql_statements(std::string(text), theirs)) return;
    std::vector<std::string> ours;
    std::string failure;
    jetway::core::statement_splitter splitter(rules);
    const auto emit = [&](split_statement&& s) {
        if (std::string b = bare(s.sql); !b.empty()) ours.push_back(std::move(b));
    };
    try {
        splitter.feed(text, emit);
        splitter.finish(emit);
    } catch (const jetway::core::error& e) {
        failure = e.what();
    }
    if (failure.empty() && ours == theirs) return;
    std::fprintf(stderr, "PostgreSQL's parser splits differently\nJetway:\n");
    for (const std::string& st : ours) std::fprintf(stderr, "  [%s]\n", st.c_str());
    if (!failure.empty()) std::fprintf(stderr, "  failure: %s\n", failure.c_str());
    std::fprintf(stderr, "libpg_query:\n");
    for (const std::string& st : theirs) std::fprintf(stderr, "  [%s]\n", st.c_str());
    std::abort();
}
#endif

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* jars = std::getenv("JW_FUZZ_JARS");
    if (jars == nullptr) {
        std::fprintf(stderr, "fuzz_splitter: set JW_FUZZ_JARS to a build's jars directory\n");
        std::abort();
    }
    for (const char* driver : {"sqlite", "postgresql", "mysql"}) g_dialects.push_back(load_dialect(jars, driver));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const dialect_rules& rules = g_dialects[data[0] % g_dialects.size()];
    const std::size_t chunk = 1 + (data[0] >> 2) % 17;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    // The splitter's contract: script_runner refuses a NUL byte (with its line) before splitting.
    if (text.find('\0') != std::string_view::npos) return 0;
    const outcome whole = split(rules, text, text.size() + 1);
    const outcome pieces = split(rules, text, chunk);
    if (!(whole == pieces)) {
        std::fprintf(stderr, "split differs when fed in chunks of %zu\n", chunk);
        for (const outcome* o : {&whole, &pieces}) {
            std::fprintf(stderr, "%s:\n", o == &whole ? "whole" : "chunked");
            for (const std::string& st : o->statements) std::fprintf(stderr, "  [%s]\n", st.c_str());
            if (!o->failure.empty()) std::fprintf(stderr, "  failure: %s\n", o->failure.c_str());
        }
        std::abort();
    }
#ifdef JW_FUZZ_PG_QUERY
    if (&rules == &g_dialects[1]) compare_with_postgresql(rules, text);  // g_dialects: sqlite, postgresql, mysql
#endif
    return 0;
}
