#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The sanitized job's ThreadSanitizer half: builds the engines-in-parallel test and what it
# loads with clang and ThreadSanitizer in a tree of its own (it cannot share one with
# AddressSanitizer), and runs it against the PostgreSQL server whose URL files are in
# SERVERS_DIR. Any report fails it.
#   thread_sanitized.sh SOURCE_DIR WORK_DIR SERVERS_DIR
set -euo pipefail
source_dir=$(cd "$1" && pwd)
work=$(realpath -m "$2")
servers=$(realpath "$3")

command -v clang++ > /dev/null || { echo "clang++ not found (apt-get install clang)" >&2; exit 1; }
cmake -S "$source_dir" -B "$work" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DJW_SANITIZE_THREAD=ON \
  -DJW_BUILD_TESTS=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" > "$work.configure.log" 2>&1 || { cat "$work.configure.log"; exit 1; }
cmake --build "$work" -j2 --target engines_in_parallel_tests > "$work.build.log" 2>&1 || { tail -50 "$work.build.log"; exit 1; }
# The test reads the server's URL from its build tree's servers directory.
mkdir -p "$work/tests"
ln -sfn "$servers" "$work/tests/servers"
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$source_dir/tests/engines/thread_sanitizer.supp \
  "$work/tests/engines/engines_in_parallel_tests" --gtest_brief=1
echo "engines in parallel: no ThreadSanitizer report"
