import { describe, expect, it } from 'vitest';
import { etagFor, negotiateEncoding, noneMatchHits, publicCacheControl } from '../../src/cache/http.js';
import { cacheKey } from '../../src/cache/page-cache.js';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0.2, br;q=0', 'gzip'],
    ['identity', 'identity'],
    ['x-gzip', 'gzip'],
    ['deflate', 'identity'],
    ['BR', 'br'],
  ])('when Accept-Encoding is %j, then the body is sent as %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('ETags', () => {
  it('when a body is sent in different codings, then each has its own strong tag around the same hash', () => {
    expect([etagFor('abc', 'identity'), etagFor('abc', 'gzip'), etagFor('abc', 'br')]).toEqual(['"abc"', '"abc-gz"', '"abc-br"']);
  });

  it.each([
    ['"abc"', true],
    ['"abc-gz"', true],
    ['W/"abc-br"', true],
    ['"zzz", "abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['"ab"', false],
  ])('when If-None-Match is %s, then it matches: %s', (header, hit) => {
    expect(noneMatchHits(header, 'abc')).toBe(hit);
  });
});

describe('publicCacheControl', () => {
  it('when no scheduled moment is near, then browsers keep a page a minute and shared caches five', () => {
    expect(publicCacheControl(Infinity)).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=60');
  });

  it.each([
    [330, 'public, max-age=60, s-maxage=300, stale-while-revalidate=30'],
    [100, 'public, max-age=60, s-maxage=100'],
    [30.9, 'public, max-age=30, s-maxage=30'],
    [0, 'public, max-age=0, s-maxage=0'],
  ])('when the next scheduled moment is %s s away, then no lifetime reaches past it', (ttl, expected) => {
    expect(publicCacheControl(ttl)).toBe(expected);
  });
});

describe('cacheKey', () => {
  it.each([
    ['/posts/a/', '/posts/a/'],
    ['/posts/a/?utm_source=x', '/posts/a/'],
    ['/?fbclid=1', '/'],
    ['/search/?q=go', '/search/?q=go'],
    ['/search/', '/search/'],
    ['/index.xml?x=1', '/index.xml?x=1'],
    ['/posts/a?x=1', '/posts/a?x=1'],
  ])('when the URL is %s, then the key is %s', (url, key) => {
    expect(cacheKey(url)).toBe(key);
  });
});
