/** The HTTP side of the page cache: content coding, validators, Cache-Control. Pure functions. */

export type Encoding = 'br' | 'gzip' | 'identity';

function parseAcceptEncoding(header: string): Encoding {
  const q: Record<string, number> = {};
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(param);
      if (m) weight = Number(m[1]);
    }
    q[name === 'x-gzip' ? 'gzip' : name] = Number.isFinite(weight) ? weight : 0;
  }
  const weightOf = (name: string) => q[name] ?? q['*'] ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

const seen = new Map<string, Encoding>();

/**
 * The coding to send for an Accept-Encoding header: brotli, else gzip, else none, honouring
 * q-values (`gzip;q=0` refuses gzip). Browsers send a handful of distinct headers, so answers
 * are remembered (a bounded number of them).
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const known = seen.get(header);
  if (known) return known;
  const answer = parseAcceptEncoding(header);
  if (seen.size < 256) seen.set(header, answer);
  return answer;
}

const SUFFIX: Record<Encoding, string> = { identity: '', gzip: '-gz', br: '-br' };

/**
 * A strong ETag: the hash of the uncompressed body, plus the coding — each coding is its own
 * representation (RFC 9110 §8.8.3), so a gzip body and a brotli body must not share a strong tag.
 */
export function etagFor(hash: string, encoding: Encoding): string {
  return `"${hash}${SUFFIX[encoding]}"`;
}

/** If-None-Match (weak comparison): true when it names this body in any coding, or is `*`. */
export function noneMatchHits(header: string, hash: string): boolean {
  for (const raw of header.split(',')) {
    const tag = raw.trim().replace(/^W\//, '');
    if (tag === '*') return true;
    const opaque = tag.replace(/^"|"$/g, '').replace(/-(gz|br)$/, '');
    if (opaque === hash) return true;
  }
  return false;
}

export interface CachePolicy {
  /** Browsers' freshness, seconds. */
  maxAge: number;
  /** Shared caches' (CDN) freshness, seconds. */
  sMaxAge: number;
  /** How long a shared cache may serve a stale page while it fetches a fresh one, seconds. */
  staleWhileRevalidate: number;
}

export const DEFAULT_POLICY: CachePolicy = { maxAge: 60, sMaxAge: 300, staleWhileRevalidate: 60 };

/**
 * Cache-Control for a public page that stays right for `ttl` more seconds (until the next
 * scheduled publish or expiry). No cache obeying it keeps the page past that moment: every
 * lifetime, stale-while-revalidate included, is cut to fit in `ttl`.
 */
export function publicCacheControl(ttl: number, policy: CachePolicy = DEFAULT_POLICY): string {
  const left = Math.max(0, Math.floor(ttl));
  const sMaxAge = Math.min(policy.sMaxAge, left);
  const maxAge = Math.min(policy.maxAge, sMaxAge);
  const swr = Math.min(policy.staleWhileRevalidate, left - sMaxAge);
  return `public, max-age=${maxAge}, s-maxage=${sMaxAge}${swr > 0 ? `, stale-while-revalidate=${swr}` : ''}`;
}

/** The value Last-Modified carries for a time in ms: an HTTP-date, whole seconds. */
export const httpDate = (ms: number) => new Date(ms).toUTCString();
