// SPDX-License-Identifier: Apache-2.0
// Shared by the tests (kept out of test/, where `node --test test/` would run it as a test file).
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** A fresh directory with sql/ holding the given migrations ({ 'V1__a.sql': '...' }). */
function project(migrations) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jetway-node-'));
  fs.mkdirSync(path.join(dir, 'sql'));
  for (const [name, text] of Object.entries(migrations)) fs.writeFileSync(path.join(dir, 'sql', name), text);
  return { dir, sql: path.join(dir, 'sql'), db: path.join(dir, 'test.db') };
}

/** The jetway command of the installation libjetway comes from, or null. */
function cliPath() {
  let prefix = process.env.JETWAY_PREFIX;
  if (!prefix) {
    try {
      prefix = execFileSync('pkg-config', ['--variable=prefix', 'jetway'], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  }
  const cli = path.join(prefix, 'bin', 'jetway');
  return fs.existsSync(cli) ? cli : null;
}

/** The document without the fields that change from run to run (times). */
const TIMING = /time|installedOn|timestamp/i;
function withoutTiming(value) {
  if (Array.isArray(value)) return value.map(withoutTiming);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value)
      .filter(([key]) => !TIMING.test(key)).map(([key, v]) => [key, withoutTiming(v)]));
  }
  return value;
}

/** A statement SQLite needs about `rows / 6e6` seconds for (a recursive count). */
const slowSqlite = (rows) =>
  `insert into slow select count(*) from (with recursive c(x) as (select 1 union all select x + 1 from c where x < ${rows}) select x from c);\n`;

module.exports = { project, cliPath, withoutTiming, slowSqlite };
