import type { MethodName, MethodOutput } from './contract/index.js';
import { packOpenedDocument, unpackOpenedDocument, type PackedOpenedDocument } from './opened-document-wire.js';

/**
 * How a method's result travels between the processes when a compact form is much smaller than the
 * value as JSON: `encode` runs where the call is answered, `decode` in the client.
 */
export interface WireCodec<T> {
  encode(value: T): unknown;
  decode(wire: unknown): T;
}

/**
 * The methods whose results travel in a compact form. Both transports (IPC and HTTP) go through
 * `dispatchCall` and `createClient`, so both use these. This module needs no schema library, so the
 * renderer's bundle carries none.
 */
export const wireCodecs: { readonly [K in MethodName]?: WireCodec<MethodOutput<K>> } = {
  openDocument: {
    encode: packOpenedDocument,
    decode: (wire) => unpackOpenedDocument(wire as PackedOpenedDocument),
  },
};

/** The codec of `method`'s result, if it travels in a compact form. */
export function wireCodecOf(method: MethodName): WireCodec<unknown> | undefined {
  return wireCodecs[method] as WireCodec<unknown> | undefined;
}
