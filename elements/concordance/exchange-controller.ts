// The "Memory and glossary files" of <jd-concordance>: import a TMX memory or a TBX glossary
// into the user's department (admins), export either (every member). The Edge Functions
// tm-import, glossary-import, tm-export and glossary-export do the work and decide who may; this
// controller only chooses the organization, sends the file with progress and keeps the answer.
//
// Why XMLHttpRequest for uploads: fetch reports no upload progress, and a fetch with a
// ReadableStream body (to count bytes as they are read) needs `duplex: 'half'`, which Chromium
// only sends over HTTP/2; the local gateway and many department proxies speak HTTP/1.1, where
// such a request is refused. XHR's upload events work everywhere. Exports are plain fetches.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
// zod's tree-shakeable API: the classic one (`import { z } from 'zod'`) bundles its whole API
// into every page that loads the kit (npm run size).
import * as z from 'zod/mini';
import type { JdSessionState } from '../core/session-context.js';
import { MEMBER_ROLES, type MemberRole } from '../../domain/comment-model.js';

/** The two kinds of file: a translation memory (TMX 1.4b) or a glossary (TBX-Basic). */
export type ExchangeKind = 'tmx' | 'tbx';

/** The answer of an import, whether written or refused (edge-functions/_shared/exchange.ts). */
export interface ImportAnswer {
  imported: number;
  updated: number;
  skipped: number;
  errors: { line: number; message: string }[];
}

// Typed with the interface above rather than inferred from the schema, so that the kit's
// published declarations never import zod, which is bundled into the kit rather than installed.
const count = () => z.int().check(z.nonnegative());
const importAnswer: z.ZodMiniType<ImportAnswer> = z.object({
  imported: count(),
  updated: count(),
  skipped: count(),
  errors: z.array(z.object({ line: count(), message: z.string() })),
});

export type ExchangeState =
  | { phase: 'idle' }
  | { phase: 'uploading'; kind: ExchangeKind; fileName: string; loaded: number; total: number }
  /** Every byte is sent: the server reads and writes the file. */
  | { phase: 'processing'; kind: ExchangeKind; fileName: string }
  | { phase: 'imported'; kind: ExchangeKind; fileName: string; answer: ImportAnswer }
  /** The server refused the file: nothing was written. */
  | { phase: 'refused'; kind: ExchangeKind; fileName: string; answer: ImportAnswer }
  | { phase: 'exporting'; kind: ExchangeKind }
  | { phase: 'exported'; kind: ExchangeKind; fileName: string; file: Blob }
  /** The request itself failed (offline, a server error, an answer that is not one): `status` 0 when offline. */
  | { phase: 'failed'; kind: ExchangeKind; action: 'import' | 'export'; status: number; message: string };

/** What the controller needs of its element. */
export interface ExchangeHost extends ReactiveControllerHost, HTMLElement {
  readonly session: JdSessionState | undefined;
  /** The organization of the open document, when one is open (it wins over the user's first). */
  readonly documentOrganizationId: string | null;
}

interface Membership {
  organizationId: string;
  role: MemberRole;
}

const ENDPOINTS: Record<ExchangeKind, { importFn: string; exportFn: string; contentType: string; extension: string }> = {
  tmx: { importFn: 'tm-import', exportFn: 'tm-export', contentType: 'application/x-tmx+xml', extension: 'tmx' },
  tbx: { importFn: 'glossary-import', exportFn: 'glossary-export', contentType: 'application/x-tbx+xml', extension: 'tbx' },
};

/** The file name of a Content-Disposition header, or null. */
function fileNameOf(disposition: string | null): string | null {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return match ? match[1]! : null;
}

export class ExchangeController implements ReactiveController {
  state: ExchangeState = { phase: 'idle' };
  #memberships: Membership[] | null = null;
  /** Whose memberships were loaded (client and user): reloaded when either changes. */
  #loadedFor: { client: unknown; userId: string } | null = null;
  #request: XMLHttpRequest | null = null;
  #download: string | null = null;

  constructor(private readonly host: ExchangeHost) {
    host.addController(this);
  }

  hostUpdated(): void {
    const client = this.host.session?.client;
    const userId = this.host.session?.user?.id;
    if (!client || !userId) {
      if (this.#loadedFor) this.#forget();
      return;
    }
    if (this.#loadedFor?.client === client && this.#loadedFor.userId === userId) return;
    this.#forget();
    this.#loadedFor = { client, userId };
    void this.#loadMemberships(client, userId);
  }

  hostDisconnected(): void {
    this.#forget();
  }

  #forget(): void {
    this.#request?.abort();
    this.#request = null;
    this.#loadedFor = null;
    this.#memberships = null;
    if (this.#download) URL.revokeObjectURL(this.#download);
    this.#download = null;
    this.state = { phase: 'idle' };
  }

  async #loadMemberships(client: NonNullable<JdSessionState['client']>, userId: string): Promise<void> {
    const { data } = await client.from('memberships').select('organization_id, role').eq('user_id', userId).order('created_at');
    if (this.#loadedFor?.client !== client || this.#loadedFor.userId !== userId) return;
    const rows: { organization_id: string; role: string }[] = data ?? [];
    this.#memberships = rows.flatMap((r) =>
      (MEMBER_ROLES as readonly string[]).includes(r.role) ? [{ organizationId: r.organization_id, role: r.role as MemberRole }] : [],
    );
    this.host.requestUpdate();
  }

  /** The department whose files these are: the open document's, else the user's first; null until known or none. */
  get organizationId(): string | null {
    const memberships = this.#memberships;
    if (!memberships) return null;
    const documentOrg = this.host.documentOrganizationId;
    if (documentOrg) return memberships.some((m) => m.organizationId === documentOrg) ? documentOrg : null;
    return memberships[0]?.organizationId ?? null;
  }

  /** Whether the user may import into that department (its admins; the functions check it again). */
  get canImport(): boolean {
    const org = this.organizationId;
    return !!org && this.#memberships!.some((m) => m.organizationId === org && m.role === 'admin');
  }

  /** Whether a request is running (the buttons wait for it). */
  get busy(): boolean {
    return this.state.phase === 'uploading' || this.state.phase === 'processing' || this.state.phase === 'exporting';
  }

  #set(state: ExchangeState): void {
    this.state = state;
    this.host.requestUpdate();
  }

  #url(fn: string, params: Record<string, string>): string | null {
    const base = this.host.session?.functionsUrl;
    if (!base) return null;
    const url = new URL(`${base.replace(/\/$/, '')}/${fn}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.href;
  }

  /** Sends a file to tm-import or glossary-import with upload progress; resolves once the answer is the state. */
  async importFile(kind: ExchangeKind, file: File): Promise<void> {
    const organization = this.organizationId;
    const token = this.host.session?.accessToken;
    const url = organization ? this.#url(ENDPOINTS[kind].importFn, { organization }) : null;
    if (this.busy || !url || !token) return;
    const fileName = file.name;
    this.#set({ phase: 'uploading', kind, fileName, loaded: 0, total: file.size });
    const answer = await new Promise<{ status: number; text: string }>((resolve) => {
      const xhr = new XMLHttpRequest();
      this.#request = xhr;
      xhr.open('POST', url);
      xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.setRequestHeader('content-type', ENDPOINTS[kind].contentType);
      xhr.upload.addEventListener('progress', (e) => {
        if (this.#request === xhr) this.#set({ phase: 'uploading', kind, fileName, loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
      });
      xhr.upload.addEventListener('load', () => {
        if (this.#request === xhr) this.#set({ phase: 'processing', kind, fileName });
      });
      xhr.addEventListener('load', () => resolve({ status: xhr.status, text: xhr.responseText }));
      xhr.addEventListener('error', () => resolve({ status: 0, text: '' }));
      xhr.addEventListener('abort', () => resolve({ status: -1, text: '' }));
      xhr.send(file);
    });
    if (answer.status === -1) return;
    this.#request = null;
    let body: unknown = null;
    try {
      body = JSON.parse(answer.text);
    } catch {
      body = null;
    }
    const parsed = importAnswer.safeParse(body);
    if (answer.status === 200 && parsed.success) return this.#set({ phase: 'imported', kind, fileName, answer: parsed.data });
    if (parsed.success && parsed.data.errors.length > 0 && answer.status !== 0) {
      // A refusal of the file itself (422) or of the request (403, 413…): the functions wrote nothing either way.
      return this.#set({ phase: 'refused', kind, fileName, answer: parsed.data });
    }
    this.#set({ phase: 'failed', kind, action: 'import', status: answer.status, message: answer.status === 0 ? '' : `HTTP ${answer.status}` });
  }

  /** Downloads the department's memory (tmx) or glossary (tbx) as a file; resolves once it is offered (or failed). */
  async exportFile(kind: ExchangeKind): Promise<void> {
    const organization = this.organizationId;
    const token = this.host.session?.accessToken;
    const params: Record<string, string> = kind === 'tmx' ? { format: 'tmx', organization: organization ?? '' } : { organization: organization ?? '' };
    const url = organization ? this.#url(ENDPOINTS[kind].exportFn, params) : null;
    if (this.busy || !url || !token) return;
    this.#set({ phase: 'exporting', kind });
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    } catch {
      return this.#set({ phase: 'failed', kind, action: 'export', status: 0, message: '' });
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
      const message = typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
      return this.#set({ phase: 'failed', kind, action: 'export', status: response.status, message });
    }
    let file: Blob;
    try {
      file = await response.blob();
    } catch {
      // The stream broke off midway: a partial file is worse than none.
      return this.#set({ phase: 'failed', kind, action: 'export', status: 0, message: '' });
    }
    // The functions name the file; a gateway that does not expose Content-Disposition to other origins (the local one) hides it: same name.
    const fileName = fileNameOf(response.headers.get('content-disposition')) ?? `${kind === 'tmx' ? 'tm' : 'glossary'}-${organization}.${ENDPOINTS[kind].extension}`;
    this.#offer(file, fileName);
    this.#set({ phase: 'exported', kind, fileName, file });
  }

  /** Hands the file to the browser's download (an `<a download>` on an object URL, kept until the next one). */
  #offer(file: Blob, fileName: string): void {
    if (this.#download) URL.revokeObjectURL(this.#download);
    this.#download = URL.createObjectURL(file);
    const link = document.createElement('a');
    link.href = this.#download;
    link.download = fileName;
    link.click();
  }
}
