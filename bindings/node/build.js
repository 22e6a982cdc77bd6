#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// Compiles src/jetway_node.c into build/jetway.node with the system C compiler: no node-gyp,
// nothing downloaded. libjetway is found through JETWAY_PREFIX (<prefix>/include, <prefix>/lib),
// else through `pkg-config jetway` (PKG_CONFIG_PATH applies). Node's headers come from beside
// the running node, else /usr/include/node; NODE_API_HEADERS=<dir> overrides both.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function fail(message) {
  console.error(`jetway: ${message}`);
  process.exit(1);
}

function nodeHeaders() {
  const candidates = [
    process.env.NODE_API_HEADERS,
    path.join(path.dirname(process.execPath), '..', 'include', 'node'),
    '/usr/include/node',
    '/usr/local/include/node',
  ].filter(Boolean);
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'node_api.h')));
  if (!found) {
    fail(`node_api.h not found in ${candidates.join(', ')}; install Node's headers ` +
         '(Debian: apt-get install libnode-dev) or set NODE_API_HEADERS=<dir>');
  }
  return found;
}

// -> { cflags: [...], libs: [...], libdirs: [...] }
function libjetway() {
  const tried = [];
  const prefix = process.env.JETWAY_PREFIX;
  if (prefix) {
    const include = path.join(prefix, 'include');
    const lib = ['lib', 'lib64'].map((d) => path.join(prefix, d))
      .find((d) => fs.existsSync(path.join(d, 'libjetway.so')));
    if (fs.existsSync(path.join(include, 'jetway', 'jetway.h')) && lib) {
      return { cflags: [`-I${include}`], libs: [`-L${lib}`, '-ljetway'], libdirs: [lib] };
    }
    fail(`JETWAY_PREFIX=${prefix} holds no include/jetway/jetway.h and lib/libjetway.so`);
  }
  tried.push('JETWAY_PREFIX (not set)');
  try {
    const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'jetway'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) // its own complaint is replaced by ours
      .trim().split(/\s+/).filter(Boolean);
    const isLink = (f) => /^-(L|l|Wl,)/.test(f);
    return {
      cflags: flags.filter((f) => !isLink(f)),
      // The .pc file's own run path is replaced by ours (below), made from the -L directories.
      libs: flags.filter((f) => isLink(f) && !f.startsWith('-Wl,-rpath')),
      libdirs: flags.filter((f) => f.startsWith('-L')).map((f) => path.resolve(f.slice(2))),
    };
  } catch (error) {
    tried.push(`pkg-config jetway (${error.code === 'ENOENT' ? 'pkg-config not installed' :
      `not found; PKG_CONFIG_PATH=${process.env.PKG_CONFIG_PATH || ''}`})`);
  }
  fail(`libjetway not found. Tried: ${tried.join('; ')}.\n` +
       'Set JETWAY_PREFIX to the installation prefix (e.g. /opt/jetway), or add its lib/pkgconfig ' +
       'to PKG_CONFIG_PATH.');
}

function main() {
  const here = __dirname;
  const headers = nodeHeaders();
  const jw = libjetway();
  const out = path.join(here, 'build', 'jetway.node');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const args = [
    '-shared', '-fPIC', '-O2', '-std=c11', '-Wall', '-Wextra',
    `-I${headers}`, ...jw.cflags,
    path.join(here, 'src', 'jetway_node.c'),
    '-o', out,
    ...jw.libs,
    // So the addon finds libjetway.so where it was found at build time, without LD_LIBRARY_PATH.
    ...jw.libdirs.map((d) => `-Wl,-rpath,${d}`),
    '-pthread',
  ];
  const cc = process.env.CC || 'cc';
  console.log(`jetway: ${cc} ${args.join(' ')}`);
  try {
    execFileSync(cc, args, { stdio: 'inherit' });
  } catch (error) {
    fail(error.code === 'ENOENT' ? `C compiler '${cc}' not found (set CC)` : 'compiling the addon failed');
  }
}

main();
