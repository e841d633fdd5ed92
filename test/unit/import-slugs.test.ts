import { describe, expect, it } from 'vitest';
import { chooseSlugs, type SlugWish } from '../../src/import/import-slugs.js';

const wish = (file: string, slug: string, hugoUrl: string, type: SlugWish['type'] = 'post'): SlugWish => ({
  file: `content/${file}`,
  contentPath: file,
  type,
  slug,
  hugoUrl,
});

describe('chooseSlugs', () => {
  it('when slugs differ, then every page keeps its own', () => {
    expect(chooseSlugs([wish('posts/a.md', 'a', '/posts/a/'), wish('posts/b.md', 'b', '/posts/b/')])).toEqual(
      [{ slug: 'a' }, { slug: 'b' }],
    );
  });

  it('when a nested page wants the slug of the page Hugo served at the Byline URL, then it takes its folder as a prefix', () => {
    const choices = chooseSlugs([
      wish('posts/guides/setup.md', 'setup', '/posts/guides/setup/'),
      wish('posts/setup.md', 'setup', '/posts/setup/'),
    ]);
    expect(choices).toEqual([
      { slug: 'guides-setup', wanted: 'setup', takenBy: 'content/posts/setup.md' },
      { slug: 'setup' },
    ]);
  });

  it('when no page was served at the Byline URL, then the first by path keeps the slug', () => {
    const choices = chooseSlugs([
      wish('notes/first.md', 'first', '/notes/first/'),
      wish('posts/first.md', 'first', '/2023/02/first/'),
    ]);
    expect(choices).toEqual([
      { slug: 'first' },
      { slug: 'posts-first', wanted: 'first', takenBy: 'content/notes/first.md' },
    ]);
  });

  it("when the folder prefix is taken too, then more folders, then a number, never another page's slug", () => {
    const choices = chooseSlugs([
      wish('posts/x.md', 'x', '/posts/x/'),
      wish('posts/a/x.md', 'x', '/posts/a/x/'),
      wish('posts/a-x.md', 'a-x', '/posts/a-x/'),
      wish('posts/b/a/x.md', 'x', '/posts/b/a/x/'),
      wish('other/a/x.md', 'x', '/other/a/x/'),
    ]);
    expect(choices.map((c) => ('slug' in c ? c.slug : c.error))).toEqual([
      'x',
      'posts-a-x',
      'a-x',
      'b-a-x',
      'other-a-x',
    ]);
  });

  it('when two pages were served at the same Hugo URL, then the second is refused', () => {
    const choices = chooseSlugs([wish('posts/a.md', 'x', '/posts/x/'), wish('posts/b.md', 'x', '/posts/x/')]);
    expect(choices).toEqual([{ slug: 'x' }, { error: 'slug "x" is already used by content/posts/a.md' }]);
  });

  it("when a page wants one of Byline's own paths, then it is renamed after its folder", () => {
    const choices = chooseSlugs([wish('projects/search.md', 'search', '/projects/search/', 'page')]);
    expect(choices).toEqual([{ slug: 'projects-search', wanted: 'search', takenBy: '' }]);
  });

  it('when a post and a page share a slug, then both keep it: they live at different URLs', () => {
    expect(
      chooseSlugs([
        wish('about.md', 'about', '/about/', 'page'),
        wish('posts/about.md', 'about', '/posts/about/'),
      ]),
    ).toEqual([{ slug: 'about' }, { slug: 'about' }]);
  });
});
