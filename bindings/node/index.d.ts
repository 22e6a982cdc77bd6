// SPDX-License-Identifier: Apache-2.0
// Types of the jetway package (index.js).

/** One flyway.conf value: arrays are joined with ',', objects nest as `key.sub` (placeholders). */
export type SettingValue =
  | string | number | boolean | bigint | URL | null | undefined
  | ReadonlyArray<string | number | boolean>
  | { readonly [key: string]: SettingValue };

/** flyway.conf keys, with or without "flyway." (url, user, password, schemas, locations ...). */
export interface Settings {
  url?: string | URL;
  user?: string;
  password?: string;
  schemas?: string | ReadonlyArray<string>;
  locations?: string | ReadonlyArray<string>;
  placeholders?: { readonly [name: string]: string | number | boolean };
  [key: string]: SettingValue;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Options {
  /** Also read FLYWAY_* environment variables (default false). */
  environment?: boolean;
  /** Also read the configuration files the jetway command reads (default false). */
  configFiles?: boolean;
  /** Where relative paths (locations, configFiles ...) are read from; default the process's. */
  workingDirectory?: string;
  /** Called on the main thread for each log line at logLevel or above. */
  onLog?: (level: LogLevel, message: string) => void;
  /** The least level given to onLog (default 'info'). */
  logLevel?: LogLevel;
  /** Aborting stops the run after the statement in progress; it then rejects with code CANCELLED. */
  signal?: AbortSignal;
}

export interface ErrorDocument {
  errorCode: string;
  message: string;
  [key: string]: unknown;
}

export interface MigrationOutput {
  category: string;
  version: string;
  description: string;
  type: string;
  filepath: string;
  executionTime: number;
  [key: string]: unknown;
}

export interface MigrateResult {
  operation: 'migrate';
  success: boolean;
  initialSchemaVersion: string | null;
  targetSchemaVersion: string | null;
  schemaName: string;
  migrations: MigrationOutput[];
  migrationsExecuted: number;
  flywayVersion: string;
  database: string;
  databaseType: string;
  warnings: string[];
  totalMigrationTime: number;
  error?: ErrorDocument;
  [key: string]: unknown;
}

export interface InfoMigration {
  category: string;
  version: string;
  description: string;
  type: string;
  state: string;
  installedOnUTC: string;
  filepath: string;
  [key: string]: unknown;
}

export interface InfoResult {
  operation: 'info';
  schemaVersion: string | null;
  schemaName: string;
  migrations: InfoMigration[];
  flywayVersion: string;
  database: string;
  allSchemasEmpty: boolean;
  [key: string]: unknown;
}

/** Any command's document (validate, baseline, repair, clean, undo, check ...). */
export interface CommandResult {
  operation?: string;
  [key: string]: unknown;
}

/** What several commands at once give. */
export interface MultipleResults {
  individualResults: CommandResult[];
}

export class JetwayError extends Error {
  name: 'JetwayError';
  /** Flyway's error code: CONFIGURATION, DB_CONNECTION, DB_ERROR, VALIDATE_ERROR, CANCELLED ... */
  readonly code: string;
  /** The JSON document `jetway -outputType=json` prints for this run (null if there was none). */
  readonly result: any;
  /** The exit code the jetway command would have returned. */
  readonly exitCode: number;
}

export function migrate(settings: Settings, options?: Options): Promise<MigrateResult>;
export function info(settings: Settings, options?: Options): Promise<InfoResult>;
export function validate(settings: Settings, options?: Options): Promise<CommandResult>;
export function baseline(settings: Settings, options?: Options): Promise<CommandResult>;
export function repair(settings: Settings, options?: Options): Promise<CommandResult>;
export function clean(settings: Settings, options?: Options): Promise<CommandResult>;
export function undo(settings: Settings, options?: Options): Promise<CommandResult>;
export function check(settings: Settings, options?: Options): Promise<CommandResult>;
/** Several commands separated by spaces ("migrate info"), as `jetway <commands>` on one connection. */
export function run(commands: string, settings: Settings, options?: Options): Promise<CommandResult | MultipleResults>;
/** libjetway's version. */
export const version: string;
