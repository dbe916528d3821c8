// The local stack in a child process, started the way a newcomer starts it
// (`node --import tsx dev/start.ts`) on free ports. Tests that measure the stack from outside
// (restarts, responsiveness under attack) need it in another process: in the test's own
// process a blocked event loop would also stop the clock that measures it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '../../..');

/** Supabase's well-known local anon key, which the stack uses. */
export const LOCAL_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

export function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface StackPorts {
  apiPort: number;
  dbPort: number;
  syncPort: number;
  signalingPort: number;
}

export async function freeStackPorts(): Promise<StackPorts> {
  return { apiPort: await freePort(), dbPort: await freePort(), syncPort: await freePort(), signalingPort: await freePort() };
}

/** The environment that puts a stack process on these ports. */
export const portEnvironment = (ports: StackPorts): Record<string, string> => ({
  JD_API_PORT: String(ports.apiPort),
  JD_DB_PORT: String(ports.dbPort),
  JD_SYNC_PORT: String(ports.syncPort),
  JD_SIGNALING_PORT: String(ports.signalingPort),
});

export interface StackProcess {
  child: ChildProcess;
  apiUrl: string;
  syncUrl: string;
  signalingUrl: string;
  output: () => string;
  secondsToHealthy: number;
}

/** Starts `dev/start.ts` with `env` on `ports` and resolves once `/health` answers 200. */
export async function startStackProcess(ports: StackPorts, env: Record<string, string>): Promise<StackProcess> {
  const apiUrl = `http://127.0.0.1:${ports.apiPort}`;
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/start.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env, ...portEnvironment(ports) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the stack exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${apiUrl}/health`).then((r) => r.status === 200, () => false);
    if (healthy) break;
    if (performance.now() - startedAt > 60_000) throw new Error(`no healthy stack after 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    apiUrl,
    syncUrl: `ws://127.0.0.1:${ports.syncPort}`,
    signalingUrl: `ws://127.0.0.1:${ports.signalingPort}`,
    output: () => output,
    secondsToHealthy: (performance.now() - startedAt) / 1000,
  };
}

/** SIGTERM, resolving with the exit code. */
export function stopStackProcess(stack: StackProcess): Promise<number | null> {
  if (stack.child.exitCode !== null) return Promise.resolve(stack.child.exitCode);
  const exited = new Promise<number | null>((r) => stack.child.once('exit', (code) => r(code)));
  stack.child.kill('SIGTERM');
  return exited;
}
