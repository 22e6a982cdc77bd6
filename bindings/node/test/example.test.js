// SPDX-License-Identifier: Apache-2.0
// Runs examples/node/migrate_then_listen.js (source tree only) once against a temporary SQLite file.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { promisify } = require('node:util');
const { project } = require('../testing/helpers');

const examples = path.join(__dirname, '..', '..', '..', 'examples');
const script = path.join(examples, 'node', 'migrate_then_listen.js');

test('the example migrates, listens, prints its result and exits', { skip: !fs.existsSync(script) && 'no examples/node' }, async () => {
  const p = project({});
  const env = { ...process.env, DATABASE_URL: `jdbc:sqlite:${p.db}`, SQL_DIR: path.join(examples, 'sql'), PORT: '0', JETWAY_EXAMPLE_ONCE: '1' };
  const run = () => promisify(execFile)(process.execPath, [script], { env, timeout: 60000 });

  const first = await run();
  const line = JSON.parse(first.stdout.trim().split('\n').pop());
  assert.ok(line.port > 0);
  assert.strictEqual(line.result.migrationsExecuted, 2);
  assert.strictEqual(line.result.targetSchemaVersion, '2');
  assert.match(first.stderr, /applied 2 migration\(s\); schema version 2/);

  const second = JSON.parse((await run()).stdout.trim().split('\n').pop());
  assert.strictEqual(second.result.migrationsExecuted, 0);
});
