import { describe, expect, it } from 'vitest';
import { hugoDate, postToHugo } from '../../src/content/hugo-export.js';
import { postFromHugo } from '../../src/content/hugo-post.js';
import type { PostInput } from '../../src/content/types.js';

function post(overrides: Partial<PostInput> = {}): PostInput {
  return {
    type: 'post',
    slug: 'hello-world',
    title: 'Hello, World',
    markdown: 'Intro.\n\n<!--more-->\n\nMore.\n',
    summarySource: '',
    description: '',
    status: 'published',
    publishedAt: new Date('2024-04-25T00:00:00Z'),
    expiresAt: null,
    updatedAt: new Date('2024-04-25T00:00:00Z'),
    weight: null,
    showToc: false,
    tags: [],
    categories: [],
    aliases: [],
    extra: {},
    ...overrides,
  };
}

const full = post({
  title: 'Everything: all at once',
  updatedAt: new Date('2024-05-01T08:30:00Z'),
  expiresAt: new Date('2030-01-01T00:00:00Z'),
  status: 'draft',
  summarySource: 'A short summary.',
  description: 'For search engines.',
  weight: 2,
  showToc: true,
  tags: ['Go', 'Kubernetes'],
  categories: ['Tech'],
  aliases: ['/old/path/', '/posts/older/'],
  extra: { zeta: 1, author: 'Ann', cover: { image: 'a.png' } },
});

const now = new Date('2025-06-01T00:00:00Z');
const roundTrip = (input: PostInput) => {
  const file = postToHugo(input);
  const type = file.relPath.startsWith('posts/') ? 'post' : 'page';
  return postToHugo(postFromHugo(file, { now, type }));
};

describe('postToHugo', () => {
  it('when a post has every field, then the keys come in the fixed order, extra keys sorted last', () => {
    const { relPath, text } = postToHugo(full);
    expect(relPath).toBe('posts/hello-world.md');
    const keys = text.split('---\n')[1]?.match(/^[A-Za-z]+(?=:)/gm);
    expect(keys).toEqual([
      'title', 'date', 'lastmod', 'expiryDate', 'draft', 'slug', 'summary', 'description',
      'weight', 'showToc', 'tags', 'categories', 'aliases', 'author', 'cover', 'zeta',
    ]);
  });

  it('when a post is simple, then the file is exactly the minimal front matter and the body', () => {
    expect(postToHugo(post()).text).toBe(
      '---\ntitle: Hello, World\ndate: 2024-04-25T00:00:00Z\nslug: hello-world\n---\n\nIntro.\n\n<!--more-->\n\nMore.\n',
    );
  });

  it('when lastmod equals date to the second, then lastmod is left out', () => {
    const text = postToHugo(post({ updatedAt: new Date('2024-04-25T00:00:00.400Z') })).text;
    expect(text).not.toContain('lastmod');
  });

  it('when the post is scheduled, then it exports as not draft with its future date', () => {
    const text = postToHugo(post({ status: 'scheduled', publishedAt: new Date('2099-01-01T00:00:00Z') })).text;
    expect(text).not.toContain('draft');
    expect(text).toContain('date: 2099-01-01T00:00:00Z');
  });

  it('when the post is a page, then it lives at the top of content/', () => {
    expect(postToHugo(post({ type: 'page', slug: 'about' })).relPath).toBe('about.md');
  });

  it('when extra holds a key Byline reads, then it is not written over the field', () => {
    const text = postToHugo(post({ extra: { Draft: true, Title: 'Other', keep: 'me' } })).text;
    expect(text).not.toMatch(/Draft|Title/);
    expect(text).toContain('keep: me');
  });

  it('when the lists are empty and optional fields unset, then they are left out', () => {
    const text = postToHugo(post()).text;
    for (const key of ['tags', 'categories', 'aliases', 'weight', 'showToc', 'summary', 'description', 'expiryDate']) {
      expect(text).not.toContain(`${key}:`);
    }
  });

  it.each([
    ['a full post', full],
    ['a simple post', post()],
    ['a page', post({ type: 'page', slug: 'about', title: 'About', weight: 1 })],
    ['a dateless draft', post({ status: 'draft', publishedAt: null, updatedAt: null })],
    ['a scheduled post', post({ status: 'scheduled', publishedAt: new Date('2099-01-01T10:00:00Z') })],
    ['tricky text', post({ title: '"Quoted": yes # no', summarySource: 'Line one\nline two', markdown: 'No final newline' })],
    ['a body with CRLF-free code and front-matter-like lines', post({ markdown: '```yaml\n---\na: 1\n---\n```\n' })],
    ['milliseconds in dates', post({ publishedAt: new Date('2024-04-25T10:11:12.345Z'), updatedAt: new Date('2024-04-26T00:00:00.999Z') })],
    ['TOML-looking extra', post({ extra: { date_like: '2024-04-25', numberish: '007', bool: 'true', nil: null, list: [1, 'two'] } })],
  ])('when %s is exported, imported and exported again, then the file is byte-identical', (_name, input) => {
    expect(roundTrip(input)).toEqual(postToHugo(input));
  });
});

describe('hugoDate', () => {
  it('when given a date, then it writes RFC 3339 UTC without milliseconds', () => {
    expect(hugoDate(new Date('2024-04-25T00:00:00.123Z'))).toBe('2024-04-25T00:00:00Z');
  });
});
