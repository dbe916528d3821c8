// Keeps PGlite usable after a statement recursed so deep that the JavaScript engine's own stack ran
// out inside Postgres.
//
// Why this is needed: PGlite runs Postgres as WebAssembly, whose call frames live on V8's native
// stack (about 1 MB in Node), while Postgres's `check_stack_depth()` measures only the C "shadow"
// stack in linear memory. Deep recursion (a nested JSON value, a recursive SQL function) can
// exhaust V8's stack first: V8 throws a RangeError that unwinds the C frames without Postgres
// knowing. PGlite 0.5.14 swallows that exception in `execProtocolRawSync`, so the query returns
// no rows and no error, and Postgres is left mid-statement: `PG_exception_stack` points at a jump
// buffer of a frame that no longer exists and the running portal stays ACTIVE. The next ERROR
// then jumps into that dead frame and the process spins forever (issue #20, finding 1).
//
// The repair: when anything other than PGlite's own exit signal escapes Postgres's main loop, put
// back the top-level error handler that was current when the message started, mark the unnamed
// portal (the one every PGlite query runs in) failed as PortalRun's PG_CATCH would, and raise an
// ordinary `54001 stack depth limit exceeded` ERROR from the top. That ERROR takes Postgres's own
// path: PGlite's exit(100) → PostgresMainLongJmp → AbortCurrentTransaction, memory-context reset,
// ErrorResponse to the client. The caller sees the same error a native Postgres would send.
import type { PGlite } from '@electric-sql/pglite';

/** ERROR in elog.h. */
const ELEVEL_ERROR = 21;
/** portal.h's PortalStatus values. */
const PORTAL_ACTIVE = 3;
const PORTAL_FAILED = 5;
/** Byte offsets inside PortalData on wasm32 (PostgreSQL 18), checked against a live portal below. */
const PORTAL_NAME_OFFSET = 0;
const PORTAL_STATUS_OFFSET = 80;

/** The parts of PGlite's Emscripten module this uses (exported for extensions). */
interface PostgresModule {
  _PostgresMainLoopOnce(): void;
  readonly _PG_exception_stack: number;
  readonly _error_context_stack: number;
  _errstart(elevel: number, domain: number): number;
  _errcode(sqlState: number): number;
  _errmsg(format: number, varargs: number): number;
  _errhint(format: number, varargs: number): number;
  _errfinish(filename: number, lineno: number, funcname: number): void;
  _SPI_cursor_find(name: number): number;
  stackSave(): number;
  stackRestore(pointer: number): void;
  getValue(pointer: number, type: 'i32' | '*'): number;
  setValue(pointer: number, value: number, type: 'i32' | '*'): void;
  stringToNewUTF8(text: string): number;
  UTF8ToString(pointer: number): string;
}

const REQUIRED_EXPORTS = [
  '_PostgresMainLoopOnce',
  '_PG_exception_stack',
  '_error_context_stack',
  '_errstart',
  '_errcode',
  '_errmsg',
  '_errhint',
  '_errfinish',
  '_SPI_cursor_find',
  'stackSave',
  'stackRestore',
  'getValue',
  'setValue',
  'stringToNewUTF8',
  'UTF8ToString',
] as const;

/** Postgres's MAKE_SQLSTATE: five characters packed six bits each, first character lowest. */
export function packSqlState(sqlState: string): number {
  return [...sqlState].reduce((packed, char, index) => packed + (((char.charCodeAt(0) - 48) & 0x3f) << (6 * index)), 0);
}

/** PGlite's exit() (status 100 after an ERROR, 99 on Terminate) is its normal control flow. */
function isPgliteExit(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

function postgresModule(pg: PGlite): PostgresModule {
  const mod = (pg as unknown as { mod?: Record<string, unknown> }).mod;
  const missing = REQUIRED_EXPORTS.filter((name) => mod?.[name] === undefined);
  if (mod === undefined || missing.length > 0) {
    throw new Error(
      `stack-overflow recovery: this PGlite build lacks ${missing.join(', ') || 'its module'}; ` +
        'check dev/db/stack-overflow-recovery.ts against the installed @electric-sql/pglite',
    );
  }
  return mod as unknown as PostgresModule;
}

export interface StackOverflowRecovery {
  /** How many times a statement overflowed the engine's stack and Postgres was repaired. */
  readonly recoveries: number;
}

/**
 * Wraps PGlite's main-loop step so an engine stack overflow inside Postgres becomes a clean
 * `54001` ERROR instead of a silently broken backend. Call once, right after `PGlite.create`.
 */
export function installStackOverflowRecovery(pg: PGlite, onRecovered: (cause: unknown) => void = () => {}): StackOverflowRecovery {
  const mod = postgresModule(pg);
  const loopOnce = mod._PostgresMainLoopOnce.bind(mod);
  // Allocated once for the life of the instance: Postgres copies the texts into its error data.
  const message = mod.stringToNewUTF8('stack depth limit exceeded');
  const hint = mod.stringToNewUTF8(
    'The statement nests or recurses too deeply for the database engine (PGlite runs Postgres on the JavaScript stack). Flatten the value or the recursion.',
  );
  const unnamedPortalName = mod.stringToNewUTF8('');
  const statementTooComplex = packSqlState('54001');
  const state = { recoveries: 0 };

  const markUnnamedPortalFailed = () => {
    const portal = mod._SPI_cursor_find(unnamedPortalName);
    if (portal === 0) return;
    // Refuse to write unless the layout is the one this file was written against.
    if (mod.UTF8ToString(mod.getValue(portal + PORTAL_NAME_OFFSET, '*')) !== '') return;
    if (mod.getValue(portal + PORTAL_STATUS_OFFSET, 'i32') !== PORTAL_ACTIVE) return;
    // What MarkPortalFailed does first; its cleanup hook then skips the executor shutdown.
    mod.setValue(portal + PORTAL_STATUS_OFFSET, PORTAL_FAILED, 'i32');
  };

  mod._PostgresMainLoopOnce = () => {
    // Between messages Postgres's handler is the main loop's own jump buffer.
    const topLevelHandler = mod.getValue(mod._PG_exception_stack, '*');
    const stackPointer = mod.stackSave();
    try {
      loopOnce();
    } catch (error) {
      if (isPgliteExit(error)) throw error;
      state.recoveries += 1;
      onRecovered(error);
      mod.stackRestore(stackPointer);
      mod.setValue(mod._PG_exception_stack, topLevelHandler, '*');
      mod.setValue(mod._error_context_stack, 0, '*');
      markUnnamedPortalFailed();
      mod._errstart(ELEVEL_ERROR, 0);
      mod._errcode(statementTooComplex);
      mod._errmsg(message, 0);
      mod._errhint(hint, 0);
      // Does not return: it longjmps to the top-level handler, which PGlite turns into exit(100).
      mod._errfinish(0, 0, 0);
      throw new Error('stack-overflow recovery: raising the Postgres error returned', { cause: error });
    }
  };
  return {
    get recoveries() {
      return state.recoveries;
    },
  };
}
