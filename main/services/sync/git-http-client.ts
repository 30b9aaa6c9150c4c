import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';

/** How long a connection may stay silent before it counts as broken. */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * The HTTP client isomorphic-git talks to the git server through: Node's http and https, with every
 * request (fetch and clone included, which isomorphic-git cannot cancel itself) ended at once when
 * `signal` aborts, and a connection silent for `idleTimeoutMs` ended as broken (ETIMEDOUT), so a
 * server that hangs never hangs a sync.
 */
export function createGitHttpClient(options: { signal?: AbortSignal | undefined; idleTimeoutMs?: number } = {}): HttpClient {
  const idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  return {
    async request(call: GitHttpRequest): Promise<GitHttpResponse> {
      const signals = [options.signal, call.signal].filter((s): s is AbortSignal => s !== undefined);
      const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
      signal?.throwIfAborted();
      const body = call.body ? await collect(call.body) : undefined;
      signal?.throwIfAborted();
      const url = new URL(call.url);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const headers: Record<string, string> = { ...call.headers };
      if (body) headers['content-length'] = String(body.byteLength);
      return new Promise((resolve, reject) => {
        const outgoing = send(url, { method: call.method ?? 'GET', headers, signal }, (response) => {
          resolve({
            url: call.url,
            method: call.method ?? 'GET',
            statusCode: response.statusCode ?? 0,
            statusMessage: response.statusMessage ?? '',
            headers: flattenHeaders(response.headers),
            body: response[Symbol.asyncIterator]() as AsyncIterableIterator<Uint8Array>,
          });
        });
        outgoing.setTimeout(idleTimeoutMs, () => {
          outgoing.destroy(Object.assign(new Error(`no answer from ${url.host} for ${idleTimeoutMs / 1000} s`), { code: 'ETIMEDOUT' }));
        });
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    },
  };
}

async function collect(chunks: AsyncIterableIterator<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
