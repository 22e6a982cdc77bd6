#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Figures for issue 4: how long resolving and checksumming many migration files takes, and the
# peak memory of reading, checksumming and splitting one huge migration. Prints figures; asserts
# nothing (timings belong in benchmarks, never in tests).
#
#   tests/bench/resolve_and_split.sh            # 10,000 files and a ~1 GB file
#   COUNT=2000 BIG_ROWS=1000000 tests/bench/resolve_and_split.sh   # quicker
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jetway=${JETWAY:-$root/build/bin/jetway}
gen=${GEN:-$root/tests/bench/gen_migrations.py}
count=${COUNT:-10000}
big_rows=${BIG_ROWS:-10000000}   # 1,000,000 rows is about 100 MB
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== resolving and checksumming $count migration files (jetway info on an empty SQLite file)"
python3 "$gen" --count "$count" --stmts 3 --dialect sqlite --layouts flyway "$work/many" > /dev/null
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %M KB peak RSS" \
    "$jetway" -q -url="jdbc:sqlite:$work/many.db" -locations="filesystem:$work/many/flyway/sql" info > /dev/null
done

echo "== one big migration: $big_rows rows"
python3 "$gen" --big-rows "$big_rows" --dialect sqlite --layouts flyway "$work/big" > /dev/null
size=$(du -m "$work"/big/flyway/sql/*.sql | awk '{s += $1} END {print s}')
echo "file size: ${size} MB"
/usr/bin/time -f "read + checksum + split (dry run to /dev/null): %e s wall, %M KB peak RSS" \
  "$jetway" -q -url="jdbc:sqlite:$work/big-dry.db" -locations="filesystem:$work/big/flyway/sql" \
  -dryRunOutput=/dev/null migrate
/usr/bin/time -f "migrate into SQLite: %e s wall, %M KB peak RSS" \
  "$jetway" -q -url="jdbc:sqlite:$work/big.db" -locations="filesystem:$work/big/flyway/sql" migrate
