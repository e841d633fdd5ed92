import { describe, expect, it } from 'vitest';
import { refResolver } from '../../src/import/import-refs.js';

const resolve = refResolver([
  { contentPath: 'posts/setup.md', type: 'post', slug: 'setup' },
  { contentPath: 'posts/guides/setup.md', type: 'post', slug: 'guides-setup' },
  { contentPath: 'posts/trip/index.md', type: 'post', slug: 'trip' },
  { contentPath: 'projects/tool.md', type: 'page', slug: 'tool' },
]);

describe('refResolver: ref and relref targets of an imported site', () => {
  it.each([
    ['posts/guides/setup.md', '/posts/guides-setup/'],
    ['/posts/guides/setup', '/posts/guides-setup/'],
    ['posts/setup.md', '/posts/setup/'],
    ['posts/trip', '/posts/trip/'],
    ['/posts/trip/index.md', '/posts/trip/'],
    ['projects/tool.md', '/tool/'],
    ['tool', '/tool/'],
    ['posts/guides/setup.md#step-2', '/posts/guides-setup/#step-2'],
  ])('when a ref names %s, then it points at %s', (target, url) => {
    expect(resolve(target)).toBe(url);
  });

  it('when a name alone is shared by two pages, or unknown, then the renderer\'s own rule answers', () => {
    expect(resolve('setup')).toBe('/posts/setup/');
    expect(resolve('posts/elsewhere.md')).toBe('/posts/elsewhere/');
    expect(resolve('#top')).toBe('#top');
  });
});
