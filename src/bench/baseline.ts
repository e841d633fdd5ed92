import type { IncomingHttpHeaders } from 'node:http';

/** A page as the real server sent it, to be replayed byte for byte by the baseline. */
export interface RecordedPage {
  /** Path and query, e.g. `/search/?q=go`. */
  url: string;
  status: number;
  headers: Record<string, string | string[]>;
  bodyBase64: string;
}

/** Headers that belong to one connection or one moment, which the baseline's own Node sets. */
const NOT_REPLAYED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

export function recordPage(
  url: string,
  res: { status: number; headers: IncomingHttpHeaders; body: Buffer },
): RecordedPage {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined && !NOT_REPLAYED.has(name)) headers[name] = value;
  }
  return { url, status: res.status, headers, bodyBase64: res.body.toString('base64') };
}
