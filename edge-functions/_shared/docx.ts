// DOCX to HTML with mammoth (BSD-2-Clause, the well-kept DOCX reader), usable in Deno.
//
// mammoth wraps every promise it returns in a Promise subclass built by assigning `__proto__`
// (lib/promises.js), and Deno removes `Object.prototype.__proto__`, so in Deno that wrapper has
// no `resolve` and every call throws "ExternalPromise.resolve is not a function". Its module
// object is shared with mammoth's index (CommonJS exports, looked up at call time), so replacing
// the wrapper by a plain native promise fixes mammoth alone, instead of restoring `__proto__`
// for the whole process.
import { Buffer } from 'node:buffer';
import mammoth from 'npm:mammoth@1.13.0';
import mammothPromises from 'npm:mammoth@1.13.0/lib/promises.js';

(mammothPromises as { toExternalPromise: (promise: unknown) => Promise<unknown> }).toExternalPromise = (promise) => Promise.resolve(promise);

/** The HTML of a DOCX file; throws when the bytes are not a Word document mammoth can read. */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  // mammoth's Node build reads `buffer` (its browser build alone reads `arrayBuffer`).
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  return result.value;
}
