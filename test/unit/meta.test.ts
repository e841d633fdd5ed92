import { describe, expect, it } from 'vitest';
import { joinMeta, postMetaParts } from '../../src/content/meta.js';

const DATE = new Date('2024-04-25T12:00:00Z');
const OPTIONS = { dateFormat: '', timeZone: 'UTC', showAuthor: false };

describe('postMetaParts + joinMeta', () => {
  it.each([
    { name: 'date and reading time', post: { date: DATE, readingTime: 7, author: '' }, options: OPTIONS, meta: 'April 25, 2024&nbsp;·&nbsp;7 min' },
    { name: 'no reading time', post: { date: DATE, readingTime: 0, author: '' }, options: OPTIONS, meta: 'April 25, 2024' },
    { name: 'no date', post: { date: null, readingTime: 3, author: '' }, options: OPTIONS, meta: '3 min' },
    { name: 'nothing at all', post: { date: null, readingTime: 0, author: '' }, options: OPTIONS, meta: '' },
    {
      name: 'an author shown',
      post: { date: DATE, readingTime: 2, author: 'John Howard' },
      options: { ...OPTIONS, showAuthor: true },
      meta: 'April 25, 2024&nbsp;·&nbsp;2 min&nbsp;·&nbsp;John Howard',
    },
    { name: 'an author not shown', post: { date: DATE, readingTime: 2, author: 'John Howard' }, options: OPTIONS, meta: 'April 25, 2024&nbsp;·&nbsp;2 min' },
    {
      name: 'an empty author shown',
      post: { date: DATE, readingTime: 0, author: '  ' },
      options: { ...OPTIONS, showAuthor: true },
      meta: 'April 25, 2024',
    },
    {
      name: 'an author with HTML characters',
      post: { date: null, readingTime: 0, author: 'Tom & <Jerry>' },
      options: { ...OPTIONS, showAuthor: true },
      meta: 'Tom &amp; &lt;Jerry&gt;',
    },
    {
      name: 'a custom layout and zone',
      post: { date: new Date('2024-04-25T23:30:00Z'), readingTime: 1, author: '' },
      options: { ...OPTIONS, dateFormat: '2006-01-02', timeZone: 'Asia/Tokyo' },
      meta: '2024-04-26&nbsp;·&nbsp;1 min',
    },
  ])('when the post has $name, then the meta line is "$meta"', ({ post, options, meta }) => {
    expect(joinMeta(postMetaParts(post, options))).toBe(meta);
  });
});

describe('joinMeta', () => {
  it.each([
    { parts: [], joined: '' },
    { parts: ['a'], joined: 'a' },
    { parts: ['', 'a', '', '', 'b', ''], joined: 'a&nbsp;·&nbsp;b' },
    { parts: [' ', 'a'], joined: 'a' },
  ])('when the parts are $parts, then no separator leads, trails or doubles', ({ parts, joined }) => {
    expect(joinMeta(parts)).toBe(joined);
  });
});
