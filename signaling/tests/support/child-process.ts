// Runs a TypeScript entry in a child Node process and waits for its "READY <port>" line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface Child {
  process: ChildProcess;
  port: number;
  output: string[];
  exited: Promise<number | null>;
}

/** `withIpc`: a Node IPC channel (advanced serialization), e.g. for ipc-database.ts. */
export function startChild(entry: string, args: string[], env: NodeJS.ProcessEnv = {}, withIpc?: (child: ChildProcess) => void): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    env: { ...process.env, ...env },
    stdio: withIpc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    serialization: 'advanced',
  });
  withIpc?.(child);
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        const match = /^READY (\d+)$/.exec(line);
        if (match) resolve({ process: child, port: Number(match[1]), output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then((code) => reject(new Error(`${entry} exited (${code}) before it was ready:\n${output.join('\n')}`)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
