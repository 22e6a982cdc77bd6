// SPDX-License-Identifier: Apache-2.0
// The package against PostgreSQL: runs only when JW_TEST_PG_URL holds a jdbc:postgresql URL
// (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres). Each test uses a schema of its own.
'use strict';

const test = require('node:test');
const assert = require('node:assert');

const jetway = require('..');
const { JetwayError } = jetway;
const { project } = require('../testing/helpers');

const PG = process.env.JW_TEST_PG_URL;
const skip = !PG && 'JW_TEST_PG_URL not set';
let counter = 0;

// A fresh schema per test, dropped again by clean when the test ends.
async function withSchema(t, migrations, body) {
  const schema = `jwnode_${process.pid}_${++counter}`;
  const p = project(migrations);
  const settings = { url: PG, schemas: schema, locations: `filesystem:${p.sql}` };
  try {
    await body(settings, schema);
  } finally {
    await jetway.clean({ ...settings, cleanDisabled: false });
  }
}

const TWO = { 'V1__people.sql': 'create table people(id serial primary key, name text not null);\n',
  'V2__seed.sql': "insert into people(name) values ('${who}');\n" };
// Versioned rows only: Jetway, like Flyway, also lists the row saying it created the schema.
const states = (info) => info.migrations.filter((m) => m.version).map((m) => `${m.version}:${m.state}`);

test('PostgreSQL: migrate then info in a schema of its own', { skip }, (t) => withSchema(t, TWO, async (settings, schema) => {
  const document = await jetway.migrate({ ...settings, placeholders: { who: 'ada' } });
  assert.strictEqual(document.migrationsExecuted, 2);
  assert.strictEqual(document.schemaName, schema);
  assert.strictEqual(document.databaseType, 'PostgreSQL');
  const info = await jetway.info({ ...settings, placeholders: { who: 'ada' } });
  assert.deepStrictEqual(states(info), ['1:Success', '2:Success']);
  assert.ok(info.migrations.some((m) => m.category === 'Schema' || m.type === 'SCHEMA'), 'the schema creation row');
}));

test('PostgreSQL: a failing migration is rolled back and rejects', { skip }, (t) =>
  withSchema(t, { ...TWO, 'V3__bad.sql': 'create table t3(x int);\ninsert into nowhere values (1);\n' },
    async (settings) => {
      const error = await jetway.migrate({ ...settings, placeholders: { who: 'x' } })
        .then(() => assert.fail('resolved'), (e) => e);
      assert.ok(error instanceof JetwayError);
      assert.strictEqual(error.code, 'DB_ERROR');
      assert.match(error.message, /nowhere/);
      assert.strictEqual(error.result.success, false);
      const info = await jetway.info({ ...settings, placeholders: { who: 'x' } });
      assert.deepStrictEqual(states(info), ['1:Success', '2:Success', '3:Pending']);
    }));

test('PostgreSQL: url given as a postgres:// URL object', { skip }, (t) => withSchema(t, TWO, async (settings) => {
  // jdbc:postgresql://host:port/db?user=u  ->  postgres://u@host:port/db
  const jdbc = new URL(PG.replace(/^jdbc:postgresql:/, 'http:'));
  const url = new URL(`postgres://${jdbc.host}${jdbc.pathname}`);
  url.username = jdbc.searchParams.get('user') || 'postgres';
  if (jdbc.searchParams.get('password')) url.password = jdbc.searchParams.get('password');
  const document = await jetway.migrate({ ...settings, url, placeholders: { who: 'grace' } });
  assert.strictEqual(document.migrationsExecuted, 2);
}));

test('PostgreSQL: an AbortSignal cancels between slow statements', { skip }, (t) =>
  withSchema(t, { 'V1__slow.sql': 'select pg_sleep(0.5);\n'.repeat(8) }, async (settings) => {
    const started = Date.now();
    const error = await jetway.migrate(settings, { signal: AbortSignal.timeout(300) })
      .then(() => assert.fail('resolved'), (e) => e);
    assert.strictEqual(error.code, 'CANCELLED');
    assert.ok(Date.now() - started < 3000);
    const info = await jetway.info(settings);
    assert.deepStrictEqual(states(info), ['1:Pending']);
  }));
