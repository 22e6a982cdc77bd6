#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Where the instructions of the 1,000-migration case go (issue 10): runs `jetway migrate` on a
# fresh SQLite file under callgrind and prints the split between SQLite's own work, Jetway's
# engine and the rest, then the functions with the most inclusive cost. Instruction counts do
# not depend on what else the machine is doing, so two runs of one build agree.
#
#   tests/bench/profile.sh                 # 1,000 migrations of 5 statements
#   COUNT=200 tests/bench/profile.sh       # quicker
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jetway=${JETWAY:-$root/build/bin/jetway}
gen=${GEN:-$root/tests/bench/gen_migrations.py}
count=${COUNT:-1000}
top=${TOP:-25}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v valgrind > /dev/null || { echo "profile.sh needs valgrind (apt-get install valgrind)" >&2; exit 2; }
python3 "$gen" --count "$count" --stmts 5 --dialect sqlite --layouts flyway "$work/gen" > /dev/null
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$jetway" -q -url="jdbc:sqlite:$work/profile.db" -locations="filesystem:$work/gen/flyway/sql" migrate \
  2> "$work/valgrind.log"

# Self cost per object file: the database library, Jetway's engine and plugins, the C and C++
# runtimes, the kernel's share is not counted (callgrind sees user space only).
echo "== instructions by library (self cost), $count migrations of 5 statements"
callgrind_annotate --auto=no --threshold=100 "$work/callgrind.out" 2> /dev/null | python3 -c '
import re, sys
by, total = {}, 0
for line in sys.stdin:
    m = re.match(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?)(?: \[(.*)\])?$", line)
    if not m or m.group(2) == "PROGRAM TOTALS":
        continue
    n = int(m.group(1).replace(",", ""))
    lib = (m.group(3) or "?").rsplit("/", 1)[-1]
    by[lib] = by.get(lib, 0) + n
    total += n
for lib, n in sorted(by.items(), key=lambda kv: -kv[1])[:10]:
    print(f"{100 * n / total:6.1f}%  {n:>15,}  {lib}")
print(f"{100:6.1f}%  {total:>15,}  in all")
'

echo "== top $top functions by self cost"
callgrind_annotate --auto=no "$work/callgrind.out" 2> /dev/null | grep -E '^ *[0-9,]+ \(' | grep -v 'PROGRAM TOTALS' |
  head -"$top" | sed -E 's/ \[[^]]*\/([^/]+)\]$/ [\1]/' | cut -c1-150
