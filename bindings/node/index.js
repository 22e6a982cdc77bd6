// SPDX-License-Identifier: Apache-2.0
// Jetway for Node.js: runs Flyway-compatible migrations through libjetway, off the main thread.
'use strict';

const path = require('node:path');

let native;
try {
  native = require(path.join(__dirname, 'build', 'jetway.node'));
} catch (error) {
  throw new Error(
    `jetway: cannot load the native addon build/jetway.node (${error.message}). ` +
    'Build it with `node build.js` in the package folder; it needs libjetway ' +
    '(set JETWAY_PREFIX or PKG_CONFIG_PATH).', { cause: error });
}

const LEVELS = ['', 'debug', 'info', 'warn', 'error']; // jetway_log_level's numbers

/** A run that did not succeed. `result` is the JSON document the CLI would have printed. */
class JetwayError extends Error {
  constructor(message, { code, result, exitCode } = {}) {
    super(message);
    this.name = 'JetwayError';
    this.code = code;
    this.result = result;
    this.exitCode = exitCode;
  }
}

// Turns one settings value into flyway.conf's string form; plain objects nest with dots
// (placeholders: {a: 'b'} -> placeholders.a=b). Pushes key/value pairs onto `out`.
function flatten(key, value, out) {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    out.push(key, value.map(String).join(','));
  } else if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      for (const [sub, v] of Object.entries(value)) flatten(`${key}.${sub}`, v, out);
    } else {
      out.push(key, String(value)); // URL (its href), Date ...
    }
  } else if (['string', 'number', 'boolean', 'bigint'].includes(typeof value)) {
    out.push(key, String(value));
  } else {
    throw new TypeError(`jetway: setting ${key} has an unusable value (${typeof value})`);
  }
}

function settingPairs(settings) {
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    throw new TypeError('jetway: settings must be an object of flyway.conf keys');
  }
  const out = [];
  for (const [key, value] of Object.entries(settings)) flatten(key, value, out);
  return out;
}

function run(commands, settings, options = {}) {
  return new Promise((resolve, reject) => {
    if (typeof commands !== 'string' || !commands.trim()) {
      throw new TypeError('jetway: commands must be a string such as "migrate info"');
    }
    const { environment = false, configFiles = false, workingDirectory, onLog, logLevel = 'info',
      signal } = options;
    const level = LEVELS.indexOf(logLevel);
    if (level < 1) throw new TypeError(`jetway: logLevel must be one of ${LEVELS.slice(1).join(', ')}`);
    if (onLog !== undefined && typeof onLog !== 'function') {
      throw new TypeError('jetway: onLog must be a function');
    }
    if (workingDirectory !== undefined && typeof workingDirectory !== 'string') {
      throw new TypeError('jetway: workingDirectory must be a string');
    }

    const { promise, handle } = native.start(
      commands, settingPairs(settings), Boolean(environment), Boolean(configFiles),
      workingDirectory ?? null, level,
      onLog ? (n, message) => onLog(LEVELS[n] || 'info', message) : undefined);

    // An abort asks libjetway to stop; the run then ends with error code CANCELLED. An already
    // aborted signal still starts the run, which stops before its first statement.
    const abort = () => native.cancel(handle);
    if (signal) {
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
    }

    promise.then((outcome) => {
      if (signal) signal.removeEventListener('abort', abort);
      const document = outcome.json == null ? null : JSON.parse(outcome.json);
      if (outcome.success) resolve(document);
      else {
        reject(new JetwayError(outcome.errorMessage || `jetway ${commands} failed`, {
          code: outcome.errorCode || 'UNKNOWN', result: document, exitCode: outcome.exitCode,
        }));
      }
    }, reject);
  });
}

const command = (name) => (settings, options) => run(name, settings, options);

module.exports = {
  run,
  migrate: command('migrate'),
  info: command('info'),
  validate: command('validate'),
  baseline: command('baseline'),
  repair: command('repair'),
  clean: command('clean'),
  undo: command('undo'),
  check: command('check'),
  JetwayError,
  version: native.version,
};
