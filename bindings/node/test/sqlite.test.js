// SPDX-License-Identifier: Apache-2.0
// The package against SQLite, which libjetway always has. Needs build/jetway.node (node build.js).
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { promisify } = require('node:util');

const jetway = require('..');
const { JetwayError } = jetway;
const { project, cliPath, withoutTiming, slowSqlite } = require('../testing/helpers');

const TWO = { 'V1__people.sql': 'create table people(id integer primary key, name text);\n',
  'V2__pets.sql': 'create table pets(id integer primary key, owner integer references people(id));\n' };

const settingsOf = (p) => ({ url: `jdbc:sqlite:${p.db}`, locations: `filesystem:${p.sql}` });
const states = (infoDocument) => infoDocument.migrations.map((m) => `${m.version}:${m.state}`);

test('migrate applies two migrations and info shows them in the history', async () => {
  const p = project(TWO);
  const document = await jetway.migrate(settingsOf(p));
  assert.strictEqual(document.operation, 'migrate');
  assert.strictEqual(document.success, true);
  assert.strictEqual(document.migrationsExecuted, 2);
  assert.strictEqual(document.targetSchemaVersion, '2');

  const info = await jetway.info(settingsOf(p));
  assert.strictEqual(info.schemaVersion, '2');
  assert.deepStrictEqual(states(info), ['1:Success', '2:Success']);

  const again = await jetway.migrate(settingsOf(p));
  assert.strictEqual(again.migrationsExecuted, 0);
});

test('run() takes several commands and gives individualResults', async () => {
  const p = project(TWO);
  const document = await jetway.run('migrate info', settingsOf(p));
  assert.deepStrictEqual(document.individualResults.map((r) => r.operation), ['migrate', 'info']);
  assert.strictEqual(document.individualResults[0].migrationsExecuted, 2);
});

test('a failing migration rejects with JetwayError carrying the failed document', async () => {
  const p = project({ ...TWO, 'V3__broken.sql': 'create table c(x int);\nselect * from no_such_table;\n' });
  const error = await jetway.migrate(settingsOf(p)).then(() => assert.fail('resolved'), (e) => e);
  assert.ok(error instanceof JetwayError);
  assert.ok(error instanceof Error);
  assert.strictEqual(error.name, 'JetwayError');
  // What libjetway reports for a failed SQL statement (the CLI says the same, see the CLI test).
  assert.strictEqual(error.code, 'DB_ERROR');
  assert.match(error.message, /no such table: no_such_table/);
  assert.strictEqual(error.exitCode, 1);
  assert.strictEqual(error.result.success, false);
  assert.strictEqual(error.result.operation, 'migrate');
  assert.strictEqual(error.result.error.errorCode, 'DB_ERROR');

  const info = await jetway.info(settingsOf(p));
  assert.deepStrictEqual(states(info).slice(0, 2), ['1:Success', '2:Success']);
  assert.notStrictEqual(states(info)[2], '3:Success');
});

test('an unknown setting rejects with CONFIGURATION', async () => {
  const p = project(TWO);
  const error = await jetway.info({ ...settingsOf(p), noSuchSetting: 'x' }).then(() => assert.fail('resolved'), (e) => e);
  assert.ok(error instanceof JetwayError);
  assert.strictEqual(error.code, 'CONFIGURATION');
  assert.match(error.message, /noSuchSetting/);
  assert.strictEqual(error.result.error.errorCode, 'CONFIGURATION');
  assert.strictEqual(error.exitCode, 1);
});

test('bad arguments throw TypeError before anything runs', async () => {
  await assert.rejects(jetway.migrate(null), TypeError);
  await assert.rejects(jetway.migrate({ url: () => 1 }), TypeError);
  await assert.rejects(jetway.migrate({}, { logLevel: 'loud' }), TypeError);
  await assert.rejects(jetway.run('', {}), TypeError);
});

test('settings: placeholders nest, arrays join with commas, numbers/booleans and URL objects become strings', async () => {
  const p = project({ 'V1__t.sql': 'create table ${table}(x int default ${fill});\n' });
  const extra = path.join(p.dir, 'more');
  fs.mkdirSync(extra);
  fs.writeFileSync(path.join(extra, 'V2__u.sql'), 'insert into ${table} default values;\n');
  const document = await jetway.migrate({
    url: new URL(`jdbc:sqlite:${p.db}`),
    locations: [`filesystem:${p.sql}`, `filesystem:${extra}`],
    placeholders: { table: 'things', fill: 7 },
    validateOnMigrate: true,
    connectRetries: 0,
    target: undefined, // left out
  });
  assert.strictEqual(document.migrationsExecuted, 2);
});

test('workingDirectory makes relative locations relative to it', async () => {
  const p = project(TWO);
  // (A relative SQLite file name stays relative to the process's directory, as with the CLI's
  // -workingDirectory; hence the absolute one.)
  const document = await jetway.migrate({ url: `jdbc:sqlite:${p.db}`, locations: 'filesystem:sql' },
    { workingDirectory: p.dir });
  assert.strictEqual(document.migrationsExecuted, 2);
});

test('environment: FLYWAY_* variables apply only when asked', async () => {
  const p = project(TWO);
  process.env.FLYWAY_LOCATIONS = `filesystem:${p.sql}`;
  try {
    const withEnv = await jetway.migrate({ url: `jdbc:sqlite:${p.db}` }, { environment: true, workingDirectory: p.dir });
    assert.strictEqual(withEnv.migrationsExecuted, 2);
    const q = project({});
    // Without the variable the default location (filesystem:sql of the working directory) is empty.
    const without = await jetway.migrate({ url: `jdbc:sqlite:${q.db}` }, { workingDirectory: q.dir });
    assert.strictEqual(without.migrationsExecuted, 0);
  } finally {
    delete process.env.FLYWAY_LOCATIONS;
  }
});

test('onLog receives the log lines, on the main thread, filtered by logLevel', async () => {
  const p = project(TWO);
  const lines = [];
  await jetway.migrate(settingsOf(p), { onLog: (level, message) => lines.push({ level, message }) });
  assert.ok(lines.length > 0);
  for (const { level, message } of lines) {
    assert.ok(['info', 'warn', 'error'].includes(level), level);
    assert.strictEqual(typeof message, 'string');
  }
  // Every line has arrived by the time the promise settles.
  assert.ok(lines.some((l) => /Successfully applied 2 migrations/.test(l.message)), JSON.stringify(lines));

  const debug = [];
  await jetway.info(settingsOf(p), { onLog: (level) => debug.push(level), logLevel: 'debug' });
  const quiet = [];
  await jetway.info(settingsOf(p), { onLog: (level) => quiet.push(level), logLevel: 'error' });
  assert.ok(quiet.every((level) => level === 'error'));
  assert.ok(debug.length >= quiet.length);
});

test('the event loop keeps turning while a migration runs', async () => {
  let statements = 'create table slow(n int);\ncreate table rows(n int);\n';
  for (let i = 0; i < 300; i++) statements += `insert into rows values (${i});\n`;
  statements += slowSqlite(3000000);
  const p = project({ 'V1__many.sql': statements });
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const started = Date.now();
  try {
    const document = await jetway.migrate(settingsOf(p));
    assert.strictEqual(document.migrationsExecuted, 1);
  } finally {
    clearInterval(timer);
  }
  const elapsed = Date.now() - started;
  // A blocked loop would give 0 or 1 tick; a free one about elapsed / 5.
  assert.ok(ticks >= Math.min(20, elapsed / 20), `${ticks} ticks in ${elapsed} ms`);
});

test('an AbortSignal cancels a long migration: CANCELLED, and no success row for it', async () => {
  const p = project({ 'V1__slow_table.sql': 'create table slow(n int);\n',
    'V2__slow.sql': slowSqlite(3000000).repeat(6) });
  const controller = new AbortController();
  const started = Date.now();
  const error = await jetway.migrate(settingsOf(p), {
    signal: controller.signal,
    // Abort once V2 started (its first statement takes ~0.5 s).
    onLog: (level, message) => { if (/version "2/.test(message)) setTimeout(() => controller.abort(), 100); },
  }).then(() => assert.fail('resolved'), (e) => e);
  const elapsed = Date.now() - started;
  assert.ok(error instanceof JetwayError);
  assert.strictEqual(error.code, 'CANCELLED');
  assert.strictEqual(error.result.success, false);
  assert.ok(elapsed < 2500, `took ${elapsed} ms, the six statements take ~3 s`);

  const info = await jetway.info(settingsOf(p));
  assert.deepStrictEqual(states(info), ['1:Success', '2:Pending']);
});

test('an AbortSignal aborted beforehand stops the run before its first statement', async () => {
  const p = project(TWO);
  const error = await jetway.migrate(settingsOf(p), { signal: AbortSignal.abort() })
    .then(() => assert.fail('resolved'), (e) => e);
  assert.strictEqual(error.code, 'CANCELLED');
  const info = await jetway.info(settingsOf(p));
  assert.ok(info.migrations.every((m) => m.state !== 'Success'), JSON.stringify(states(info)));
});

test('runs on several databases at once', async () => {
  const projects = Array.from({ length: 8 }, () => project(TWO));
  const documents = await Promise.all(projects.map((p) => jetway.run('migrate info', settingsOf(p), { onLog() {} })));
  for (const d of documents) assert.strictEqual(d.individualResults[0].migrationsExecuted, 2);
});

const cli = cliPath();
test('the documents equal what `jetway -outputType=json` prints', { skip: !cli && 'no JETWAY_PREFIX/bin/jetway' }, async () => {
  const p = project({ ...TWO, 'V3__broken.sql': 'select * from no_such_table;\n' });
  const args = [`-url=jdbc:sqlite:${p.db}`, `-locations=filesystem:${p.sql}`, '-outputType=json'];
  const printed = async (...commands) => {
    const out = await promisify(execFile)(cli, [...args, ...commands]).catch((e) => e); // exit 1 expected
    return JSON.parse(out.stdout);
  };
  const ours = (commands, extra = {}) =>
    jetway.run(commands, { ...settingsOf(p), ...extra }).catch((e) => (e instanceof JetwayError ? e.result : Promise.reject(e)));

  // Each pair runs on a fresh database file, the CLI first.
  const pairs = [['migrate', { target: '2' }], ['info', {}], ['migrate', {}], ['validate', {}]];
  for (const [command, extra] of pairs) {
    fs.rmSync(p.db, { force: true });
    const extraArgs = Object.entries(extra).map(([k, v]) => `-${k}=${v}`);
    const fromCli = await printed(...extraArgs, command);
    fs.rmSync(p.db, { force: true });
    const fromNode = await ours(command, extra);
    assert.deepStrictEqual(withoutTiming(fromNode), withoutTiming(fromCli), command);
  }
});
