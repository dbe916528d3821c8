// What the TM exchange test and bench:tmx share: calling the exchange functions as a signed-in
// user through the real gateway, generated TMX files of a given size, and the peak memory of the
// Deno process that runs a function.
import { createWriteStream, readFileSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { escapeXml } from '../../../domain/tm/tmx.ts';

export interface ImportAnswer {
  imported: number;
  updated: number;
  skipped: number;
  errors: { line: number; message: string }[];
}

export interface ExchangeCaller {
  apiUrl: string;
  anonKey: string;
  token: string;
}

/** POSTs `body` to an import function and returns its status and JSON answer. */
export async function postImport(
  caller: ExchangeCaller,
  fn: 'tm-import' | 'glossary-import',
  organization: string,
  body: BodyInit,
  contentType = fn === 'tm-import' ? 'application/x-tmx+xml' : 'application/x-tbx+xml',
): Promise<{ status: number; answer: ImportAnswer; headers: Headers }> {
  const response = await fetch(`${caller.apiUrl}/functions/v1/${fn}?organization=${organization}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${caller.token}`, apikey: caller.anonKey, 'content-type': contentType },
    body,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  return { status: response.status, answer: (await response.json()) as ImportAnswer, headers: response.headers };
}

/** GETs an export function's file for the organization. */
export async function exportFile(
  caller: ExchangeCaller,
  fn: 'tm-export' | 'glossary-export',
  organization: string,
): Promise<{ status: number; text: string }> {
  const format = fn === 'tm-export' ? 'format=tmx&' : '';
  const response = await fetch(`${caller.apiUrl}/functions/v1/${fn}?${format}organization=${organization}`, {
    headers: { authorization: `Bearer ${caller.token}`, apikey: caller.anonKey },
  });
  return { status: response.status, text: await response.text() };
}

/** GETs tm-export?format=tmx for the organization. */
export const exportTmx = (caller: ExchangeCaller, organization: string) => exportFile(caller, 'tm-export', organization);

const SUBJECTS = ['The analyst', 'The manager', 'The officer', 'The advisor', 'The clerk', 'The team leader'];
const VERBS = ['prepares', 'reviews', 'approves', 'drafts', 'coordinates', 'monitors'];
const OBJECTS = ['briefing notes', 'budget forecasts', 'staffing plans', 'program reports', 'risk assessments', 'service standards'];
const SUJETS = ["L'analyste", 'Le gestionnaire', "L'agent", 'Le conseiller', 'Le commis', "Le chef d'équipe"];
const VERBES = ['prépare', 'examine', 'approuve', 'rédige', 'coordonne', 'surveille'];
const OBJETS = ["des notes d'information", 'des prévisions budgétaires', 'des plans de dotation', 'des rapports de programme', 'des évaluations des risques', 'des normes de service'];

/** The n-th generated pair (unique by its number), from job-description phrasing. */
export function generatedPair(n: number): { en: string; fr: string } {
  const [s, v, o] = [n % 6, Math.floor(n / 6) % 6, Math.floor(n / 36) % 6];
  return {
    en: `${SUBJECTS[s]} ${VERBS[v]} ${OBJECTS[o]} for file ${n} <bpt i="1" x="1">&lt;b&gt;</bpt>on time<ept i="1">&lt;/b&gt;</ept>.`,
    fr: `${SUJETS[s]} ${VERBES[v]} ${OBJETS[o]} pour le dossier ${n} <bpt i="1" x="1">&lt;b&gt;</bpt>à temps<ept i="1">&lt;/b&gt;</ept>.`,
  };
}

/** Writes a TMX 1.4 file of about `bytes` bytes to `path`; returns how many units it holds. */
export async function writeGeneratedTmx(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  const write = async (text: string) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n');
  let units = 0;
  while (written < bytes - 40) {
    const pair = generatedPair(units);
    await write(`<tu><prop type="x-n">${units}</prop><tuv xml:lang="en-CA"><seg>${pair.en}</seg></tuv><tuv xml:lang="fr-CA"><seg>${pair.fr}</seg></tuv></tu>\n`);
    units += 1;
  }
  await write('</body>\n</tmx>\n');
  out.end();
  await once(out, 'finish');
  return units;
}

/** A TMX document holding the given units (already-escaped <seg> contents). */
export function tmxOf(units: { en: string; fr: string; enLang?: string; frLang?: string }[], version = '1.4'): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="${version}">\n` +
    '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n' +
    units
      .map((u) => `<tu><tuv xml:lang="${u.enLang ?? 'en'}"><seg>${u.en}</seg></tuv><tuv xml:lang="${u.frLang ?? 'fr'}"><seg>${u.fr}</seg></tuv></tu>\n`)
      .join('') +
    '</body>\n</tmx>\n'
  );
}

export { escapeXml };

/** Peak resident memory (VmHWM, bytes) of the running Deno process hosting `fn`, or null. */
export function peakRssOfFunction(fn: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.includes('deno-host.ts') || !cmdline.includes(`/${fn}/index.ts`)) continue;
    // Only ours: its parent is this process.
    const status = readFileSync(`/proc/${entry}/status`, 'utf8');
    const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
    if (parent !== process.pid) continue;
    const peak = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return peak ? Number(peak) * 1024 : null;
  }
  return null;
}
