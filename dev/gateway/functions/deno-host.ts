// Run by Deno, never imported by Node: hosts one edge function the way Supabase's edge runtime
// does, inside a plain `deno run`. It provides the `EdgeRuntime` global, takes the handler the
// function hands to `Deno.serve`, serves it on a free loopback port and tells the runner which
// one on stdout.
//
// Usage: deno run <permissions> deno-host.ts <ready-marker> <entrypoint file URL>

// This file sits in the Node tree, where tsc checks it without Deno's types; this is the part
// of Deno it uses (shadowing the global type under `deno check` too, with the same meaning).
type Handler = (request: Request, info: unknown) => Response | Promise<Response>;
interface ServeOptions {
  handler?: Handler;
  port?: number;
  hostname?: string;
  onListen?: (address: { hostname: string; port: number }) => void;
  onError?: (error: unknown) => Response | Promise<Response>;
  signal?: AbortSignal;
}
declare const Deno: {
  args: string[];
  serve(options: ServeOptions & { handler: Handler }): unknown;
  exit(code?: number): never;
  stdin: { readable: ReadableStream<Uint8Array> };
};

const [readyMarker, entrypointUrl] = Deno.args;
if (!readyMarker || !entrypointUrl) {
  console.error('usage: deno-host.ts <ready-marker> <entrypoint file URL>');
  Deno.exit(2);
}

// The runner holds our stdin open for as long as it wants us; when it closes (stop(), or the
// runner's process died, even by SIGKILL) we exit, so no worker outlives its runner.
void (async () => {
  const stdin = Deno.stdin.readable.getReader();
  // Nothing is ever sent; only the end of the stream matters.
  while (!(await stdin.read()).done);
  Deno.exit(0);
})();

// Supabase's runtime API that functions use for work that outlives the response. This worker
// stays warm, so the task just runs; a failure is logged instead of crashing the worker.
Object.defineProperty(globalThis, 'EdgeRuntime', {
  value: Object.freeze({
    waitUntil<T>(task: Promise<T>): Promise<T> {
      task.catch((error: unknown) => console.error('EdgeRuntime.waitUntil task failed:', error));
      return task;
    },
  }),
});

const serve = Deno.serve.bind(Deno);
let served = false;

/** Accepts every form of Deno.serve: (handler), (options, handler), ({ handler, ...options }). */
function serveOnLoopback(first: Handler | ServeOptions, second?: Handler): unknown {
  const options: ServeOptions = typeof first === 'function' ? {} : first;
  const handler = typeof first === 'function' ? first : (second ?? first.handler);
  if (!handler) throw new TypeError('Deno.serve was called without a handler');
  if (served) throw new Error('An edge function can call Deno.serve only once');
  served = true;
  // The function's own port and hostname are ignored: the runner decides where it listens.
  return serve({
    handler,
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ port }) => console.log(`${readyMarker} ${port}`),
  });
}
Object.defineProperty(Deno, 'serve', { value: serveOnLoopback, configurable: true, writable: true });

await import(entrypointUrl);
if (!served) {
  console.error('The function finished loading without calling Deno.serve(handler)');
  Deno.exit(1);
}
