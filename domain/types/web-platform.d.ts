// The web-platform globals domain/ may use, beyond the ES library: the part of the common API
// of browsers, Node and Deno (WinterTC) that its modules need. Only domain/tsconfig.json reads
// this file; browsers, Node (@types/node) and Deno declare the same names themselves. A module
// that needs another global adds it here, after checking that all three runtimes have it.

interface Crypto {
  randomUUID(): `${string}-${string}-${string}-${string}-${string}`;
}
declare const crypto: Crypto;

interface URL {
  readonly href: string;
  readonly protocol: string;
}
declare const URL: {
  prototype: URL;
  new (url: string, base?: string): URL;
};

// domain/tm/tmx.ts decodes TMX files (UTF-8, UTF-16 by byte-order mark, or the declared
// encoding) chunk by chunk; TextDecoder is in browsers, Node and Deno alike.
interface TextDecodeOptions {
  stream?: boolean;
}
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
interface TextDecoder {
  readonly encoding: string;
  decode(input?: Uint8Array, options?: TextDecodeOptions): string;
}
declare const TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: TextDecoderOptions): TextDecoder;
};

// domain/ai/ (issue 16): AiProvider.generate takes the caller's AbortSignal, so cancelling a
// suggestion stops the provider's work; the offline provider checks it between deltas.
interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
}
