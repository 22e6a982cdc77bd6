// SPDX-License-Identifier: Apache-2.0
// Migrate first, then serve: the start-up order of an app on fly.io (or any container host).
// DATABASE_URL: jdbc:..., or postgres://user:pass@host/db; default a SQLite file beside this script.
// SQL_DIR: the migrations (default sql/ beside this script); PORT (default 8080).
'use strict';
const http = require('node:http');
const path = require('node:path');
// Installed: require('jetway'). From the source tree: the package two folders up.
let jetway;
try { jetway = require('jetway'); } catch { jetway = require('../../bindings/node'); }

async function main() {
  const url = process.env.DATABASE_URL || `jdbc:sqlite:${path.join(__dirname, 'app.db')}`;
  const result = await jetway.migrate(
    { url, locations: `filesystem:${process.env.SQL_DIR || path.join(__dirname, 'sql')}` },
    { onLog: (level, message) => level !== 'debug' && console.error(`[jetway] ${message}`) });
  const version = result.targetSchemaVersion ?? result.initialSchemaVersion;
  console.error(`applied ${result.migrationsExecuted} migration(s); schema version ${version}`);

  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ schemaVersion: version }) + '\n');
  });
  server.listen(Number(process.env.PORT ?? 8080), () => {
    if (process.env.JETWAY_EXAMPLE_ONCE === '1') { // for tests: report and stop
      console.log(JSON.stringify({ port: server.address().port, result }));
      server.close();
    }
  });
}

// A failed migration stops the app before it serves anything, with the reason.
main().catch((error) => { console.error(`migration failed: ${error.code ?? ''} ${error.message}`); process.exit(1); });
