import { describe, expect, it } from 'vitest';
import { isValidSlug, slugify } from '../../src/content/slug.js';

describe('slugify', () => {
  it.each([
    ['Advanced Helm Techniques', 'advanced-helm-techniques'],
    ["User space isn't slow", 'user-space-isnt-slow'],
    ['C++ & Go!', 'c-go'],
    ['Testing a Kubernetes Networking Implementation Without Kubernetes', 'testing-a-kubernetes-networking-implementation-without-kubernetes'],
    ['service-mesh', 'service-mesh'],
    ['  --Hello--World--  ', 'hello-world'],
    ['Node.js / TCP:IP', 'node-js-tcp-ip'],
    ['snake_case', 'snake-case'],
    ['Ärger über Öl', 'ärger-über-öl'],
    ['ÉCOLE', 'école'],
    ['日本語のタイトル', '日本語のタイトル'],
    ['Привет мир', 'привет-мир'],
    ['Go 1.22 release', 'go-1-22-release'],
    ['"Quoted" title?', 'quoted-title'],
  ])('when the text is %j, then the slug is %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each([[''], ['!!!'], ['   '], ['—']])('when %j has no letters or digits, then the slug is empty', (text) => {
    expect(slugify(text)).toBe('');
  });

  it('when the text is very long, then the slug stops at 200 characters without a trailing hyphen', () => {
    const slug = slugify(`${'a'.repeat(199)} bcd`);
    expect(slug).toBe('a'.repeat(199));
    expect(isValidSlug(slug)).toBe(true);
  });

  it('when the text is decomposed unicode, then the slug is NFC', () => {
    expect(slugify('nai\u0308ve')).toBe('na\u00efve');
  });
});

describe('isValidSlug', () => {
  it.each([
    ['hello', true],
    ['hello-world-2', true],
    ['ärger-über-öl', true],
    ['日本語', true],
    ['a'.repeat(200), true],
    ['a'.repeat(201), false],
    ['', false],
    ['Hello', false],
    ['a--b', false],
    ['-a', false],
    ['a-', false],
    ['a b', false],
    ['a_b', false],
    ['a/b', false],
    ['a.b', false],
    ['nai\u0308ve', false],
  ])('when the slug is %j, then it is valid: %s', (slug, valid) => {
    expect(isValidSlug(slug)).toBe(valid);
  });
});
