// Listening and closing, shared by both servers.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** `/<room>?token=…` as the y-websocket and y-webrtc clients build it. */
export function parseRoomUrl(rawUrl: string | undefined): { room: string; token: string | null } {
  const url = new URL(rawUrl ?? '/', 'http://localhost');
  let room = '';
  try {
    room = decodeURIComponent(url.pathname.slice(1));
  } catch {
    room = '';
  }
  return { room, token: url.searchParams.get('token') };
}
