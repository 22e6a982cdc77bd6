#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The sanitized job: builds Jetway's engine with clang, AddressSanitizer, UndefinedBehaviorSanitizer
# and libFuzzer coverage in its own build directory, runs the whole unit suite there, then runs
# every fuzz target for a fixed time from its committed corpus. Any sanitizer report, failing
# unit test or fuzzer finding fails the job and leaves the input that caused it.
# Then, in a ThreadSanitizer build of its own, the test that runs twenty engines at once in one
# process (tests/engines) and libjetway's eight engines on eight threads (tests/library),
# against the PostgreSQL server whose URL files are in SERVERS_DIR.
#   sanitized_suite.sh SOURCE_DIR WORK_DIR [SECONDS_PER_FUZZER] [SERVERS_DIR]
# Longer on demand: SECONDS_PER_FUZZER=600, or run build/sanitized/tests/fuzz/<target> by hand.
set -euo pipefail
# Absolute, as the splitter suite runs from its cases' folder.
source_dir=$(cd "$1" && pwd)
work=$(realpath -m "$2")
seconds=${3:-30}
servers=${4:-}
fuzzers=(fuzz_splitter fuzz_config_readers fuzz_migration_name fuzz_urls)

command -v clang++ > /dev/null || { echo "clang++ not found (apt-get install clang)" >&2; exit 1; }
# -O1 with line tables only: the usual trade for sanitizers and fuzzing (readable stacks, a
# build that fits CI's time).
cmake -S "$source_dir" -B "$work" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DJW_FUZZ=ON -DJW_BUILD_TESTS=ON \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" > "$work.configure.log" 2>&1 || { cat "$work.configure.log"; exit 1; }
cmake --build "$work" -j2 --target unit_tests splitter_tests "${fuzzers[@]}" > "$work.build.log" 2>&1 ||
  { tail -50 "$work.build.log"; exit 1; }

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The unit suite (both of its programs) under the sanitizers.
"$work/tests/unit/unit_tests" --gtest_brief=1
(cd "$source_dir/tests/splitter" && "$work/tests/splitter/splitter_tests" --gtest_brief=1)

# The splitter fuzzer reads the shipped drivers' dialects from the plugins built here.
export JW_FUZZ_JARS="$work/jars"
findings=$(mktemp -d)
trap 'rm -rf "$findings"' EXIT
for fuzzer in "${fuzzers[@]}"; do
  mkdir -p "$findings/$fuzzer/new"
  # New inputs go to a scratch directory; the committed corpus is only read.
  if ! "$work/tests/fuzz/$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$work/$fuzzer-" "$findings/$fuzzer/new" "$source_dir/tests/fuzz/corpus/$fuzzer" \
       > "$findings/$fuzzer/log" 2>&1; then
    tail -60 "$findings/$fuzzer/log"
    echo "FINDING: $fuzzer; the input is $(ls "$work/$fuzzer-"* 2>/dev/null | head -1)" >&2
    exit 1
  fi
  echo "$fuzzer: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$findings/$fuzzer/log" | awk '{print $2}') runs in ${seconds}s, no finding"
done

# ThreadSanitizer: its own tree (it cannot share one with AddressSanitizer), only the engines
# test and what it loads. Its PostgreSQL engines use the server the suite started.
if [[ -n "$servers" ]]; then
  thread_work="$work-thread"
  cmake -S "$source_dir" -B "$thread_work" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DJW_SANITIZE_THREAD=ON \
    -DJW_BUILD_TESTS=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" > "$thread_work.configure.log" 2>&1 ||
    { cat "$thread_work.configure.log"; exit 1; }
  cmake --build "$thread_work" -j2 --target engines_in_parallel_tests library_tests > "$thread_work.build.log" 2>&1 ||
    { tail -50 "$thread_work.build.log"; exit 1; }
  mkdir -p "$thread_work/tests"
  ln -sfn "$(realpath "$servers")" "$thread_work/tests/servers"
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 "$thread_work/tests/engines/engines_in_parallel_tests" --gtest_brief=1
  echo "engines in parallel: no ThreadSanitizer report"
  # libjetway's C API: eight engines on eight threads, each with its own log callback.
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 "$thread_work/tests/library/library_tests" --gtest_brief=1 \
    --gtest_filter='CApiOnPostgresql.EightEnginesOnEightThreads'
  echo "libjetway, eight engines on eight threads: no ThreadSanitizer report"
fi
