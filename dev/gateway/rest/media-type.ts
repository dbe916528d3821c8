// `Accept` negotiation for the JSON shapes PostgREST produces: an array (the default), a
// single object (`application/vnd.pgrst.object+json`, what `.single()` sends), either one
// optionally with `nulls=stripped`.
import { unacceptableMediaType } from './rest-error.js';

export interface ResponseFormat {
  readonly shape: 'array' | 'object';
  readonly stripNulls: boolean;
}

interface MediaRange {
  readonly type: string;
  readonly parameters: ReadonlyMap<string, string>;
  readonly quality: number;
  readonly text: string;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((text) => {
      const [type = '', ...rawParameters] = text.split(';').map((piece) => piece.trim());
      const parameters = new Map<string, string>();
      for (const parameter of rawParameters) {
        const [name = '', value = ''] = parameter.split('=', 2).map((piece) => piece.trim());
        parameters.set(name.toLowerCase(), value.replace(/^"|"$/g, ''));
      }
      const quality = Number(parameters.get('q') ?? '1');
      return { type: type.toLowerCase(), parameters, quality: Number.isNaN(quality) ? 0 : quality, text };
    });
}

function formatFor(range: MediaRange): ResponseFormat | null {
  const stripNulls = range.parameters.get('nulls') === 'stripped';
  switch (range.type) {
    case '*/*':
    case 'application/*':
    case 'application/json':
      return { shape: 'array', stripNulls: false };
    case 'application/vnd.pgrst.array+json':
    case 'application/vnd.pgrst.array':
      return { shape: 'array', stripNulls };
    case 'application/vnd.pgrst.object+json':
    case 'application/vnd.pgrst.object':
      return { shape: 'object', stripNulls };
    default:
      return null;
  }
}

export function negotiateFormat(acceptHeader: string | undefined): ResponseFormat {
  const ranges = parseAccept(acceptHeader ?? '*/*').filter((range) => range.quality > 0);
  if (ranges.length === 0) return { shape: 'array', stripNulls: false };
  // Highest quality first; among equals, the order the client listed them.
  const ordered = ranges
    .map((range, index) => ({ range, index }))
    .sort((a, b) => b.range.quality - a.range.quality || a.index - b.index)
    .map(({ range }) => range);
  for (const range of ordered) {
    const format = formatFor(range);
    if (format !== null) return format;
  }
  throw unacceptableMediaType(ordered.map((range) => range.type));
}

export function contentTypeFor(format: ResponseFormat): string {
  const base = format.shape === 'object' ? 'application/vnd.pgrst.object+json' : 'application/json';
  return format.stripNulls ? `${base}; nulls=stripped; charset=utf-8` : `${base}; charset=utf-8`;
}
