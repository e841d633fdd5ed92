import { describe, expect, it } from 'vitest';
import { mergeConfig, parseConfigText } from '../../src/import/hugo-config-files.js';
import { configOf, parseError } from '../helpers/hugo-config.js';
import { isLanguageCode, splitContentName } from '../../src/import/hugo-names.js';

describe('parseConfigText', () => {
  it('when keys are written in any case, then they are read lowercased, as Hugo reads them', () => {
    expect(parseConfigText('baseURL = "x"\n[Params]\nmainSections = ["a"]\n', 'toml')).toEqual({
      baseurl: 'x',
      params: { mainsections: ['a'] },
    });
  });

  it.each([
    ['TOML', 'title = "x"\nbaseURL = "unclosed\n', 'toml', 2, /^bad TOML: /],
    ['YAML', 'title: x\nparams:\n  a: [1, 2\n', 'yaml', 3, /^bad YAML: /],
    ['JSON', '{\n  "title": "x",\n  "baseURL" "y"\n}\n', 'json', 3, /^bad JSON: /],
  ])('when %s does not parse, then the error names its line', (_name, text, ext, line, reason) => {
    const error = parseError(text, ext);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(reason);
  });

  it('when the file holds a list, then it is refused', () => {
    expect(parseError('- a\n- b\n', 'yaml').message).toMatch(/keys and values/);
  });
});

describe('mergeConfig', () => {
  it('when two files set the same table, then keys merge and the later value wins', () => {
    expect(mergeConfig({ params: { a: 1, b: 1 }, title: 'x' }, { params: { b: 2 }, title: 'y' })).toEqual({
      params: { a: 1, b: 2 },
      title: 'y',
    });
  });
});

describe('interpretConfig', () => {
  it("when nothing is configured, then Hugo's defaults apply", () => {
    const c = configOf('');
    expect(c).toMatchObject({
      contentDir: 'content',
      defaultLanguage: 'en',
      languages: [],
      mainSections: null,
      staticDirs: ['static'],
      timeZone: undefined,
      filenameDates: null,
    });
    expect(c.rules).toMatchObject({ permalinks: [], uglyURLs: false, lowercase: true, languagePrefix: '' });
  });

  it.each([
    ['params.mainSections', '[params]\nmainSections = ["Posts", "notes"]\n', ['posts', 'notes']],
    ['a top-level mainSections', 'mainSections = ["blog"]\n', ['blog']],
    ['a single section as text', '[params]\nmainsections = "blog"\n', ['blog']],
  ])('when the main sections are in %s, then they are read', (_name, text, sections) => {
    expect(configOf(text).mainSections).toEqual(sections);
  });

  it('when permalinks are written per section or per kind, then the page patterns are kept', () => {
    const c = configOf(
      '[permalinks]\nposts = "/:year/:slug/"\n[permalinks.page]\nnotes = "/n/:title/"\n[permalinks.section]\nposts = "/p/"\n',
    );
    expect(c.rules.permalinks).toEqual([
      { section: 'posts', pattern: '/:year/:slug/' },
      { section: 'notes', pattern: '/n/:title/' },
    ]);
  });

  it('when a permalink has an unknown token, then the file and line are named and its pages keep their paths', () => {
    const c = configOf('title = "x"\n[permalinks]\nposts = "/:year/:nope/"\n');
    expect(c.rules.permalinks).toEqual([]);
    expect(c.problems).toEqual([
      {
        file: 'hugo.toml',
        line: 3,
        reason: expect.stringMatching(/^permalinks\.posts: :nope is not a permalink token/),
      },
    ]);
  });

  it('when languages are configured with their own folders, then the default one is the content folder', () => {
    const c = configOf(
      'defaultContentLanguage = "fr"\ndefaultContentLanguageInSubdir = true\n[languages.en]\ncontentDir = "content/en"\nweight = 2\n[languages.fr]\ncontentDir = "content/fr/"\nweight = 1\n',
    );
    expect(c.defaultLanguage).toBe('fr');
    expect(c.contentDir).toBe('content/fr');
    expect(c.languages).toEqual(['en', 'fr']);
    expect([...c.languageDirs]).toEqual([['en', 'content/en']]);
    expect(c.rules.languagePrefix).toBe('fr');
  });

  it('when the default language is not among the configured ones, then the lightest one is', () => {
    expect(configOf('[languages.de]\nweight = 2\n[languages.nl]\nweight = 1\n').defaultLanguage).toBe('nl');
  });

  it('when content is mounted per language, then the mounts give the folders', () => {
    const c = configOf(
      '[languages.en]\n[languages.de]\n[[module.mounts]]\nsource = "content/english"\ntarget = "content"\nlang = "en"\n[[module.mounts]]\nsource = "content/deutsch"\ntarget = "content"\nlang = "de"\n',
    );
    expect(c.contentDir).toBe('content/english');
    expect([...c.languageDirs]).toEqual([['de', 'content/deutsch']]);
  });

  it('when uglyURLs is set, for all or per section, then it is kept and noted', () => {
    expect(configOf('uglyURLs = true\n').rules.uglyURLs).toBe(true);
    const c = configOf('[uglyURLs]\nposts = true\nnotes = false\n');
    expect(c.rules.uglyURLs).toEqual({ posts: true, notes: false });
    expect(c.notes).toContainEqual(expect.stringMatching(/uglyURLs/));
  });

  it('when baseURL has a path, then it is noted', () => {
    expect(configOf('baseURL = "https://example.org/blog/"\n').notes).toContainEqual(
      expect.stringMatching(/under \/blog\//),
    );
    expect(configOf('baseURL = "https://example.org/"\n').notes).toEqual([]);
  });

  it('when the time zone is unknown, then it is reported and dates stay in UTC', () => {
    const c = configOf('timeZone = "Mars/Olympus"\n');
    expect(c.timeZone).toBeUndefined();
    expect(c.problems[0]).toMatchObject({ file: 'hugo.toml', line: 1 });
    expect(configOf('timeZone = "Europe/Paris"\n').timeZone).toBe('Europe/Paris');
  });

  it('when file names carry dates, then the :filename handler is read with its place', () => {
    expect(configOf('[frontmatter]\ndate = [":filename", ":default"]\n').filenameDates).toBe('first');
    expect(configOf('[frontmatter]\ndate = [":default", ":filename"]\n').filenameDates).toBe('fallback');
  });

  it('when path settings are set, then URLs follow them', () => {
    const c = configOf(
      'disablePathToLower = true\nremovePathAccents = true\nstaticDir = ["static", "assets/static"]\n',
    );
    expect(c.rules).toMatchObject({ lowercase: false, removePathAccents: true });
    expect(c.staticDirs).toEqual(['static', 'assets/static']);
  });
});

describe('content file names', () => {
  it.each([
    ['x.md', [], { base: 'x', lang: null, plain: 'x.md' }],
    ['x.fr.md', [], { base: 'x', lang: 'fr', plain: 'x.md' }],
    ['x.pt-br.md', [], { base: 'x', lang: 'pt-br', plain: 'x.md' }],
    ['notes.old.md', [], { base: 'notes.old', lang: null, plain: 'notes.old.md' }],
    ['v1.2.md', [], { base: 'v1.2', lang: null, plain: 'v1.2.md' }],
    ['x.fr.md', ['en', 'de'], { base: 'x.fr', lang: null, plain: 'x.fr.md' }],
    ['index.DE.markdown', ['en', 'de'], { base: 'index', lang: 'de', plain: 'index.markdown' }],
  ])('when the file is %s (languages %j), then it splits as Hugo splits it', (name, langs, expected) => {
    expect(splitContentName(name, langs)).toEqual(expected);
  });

  it('when no language is configured, then only ISO codes count as languages', () => {
    expect(isLanguageCode('fr', [])).toBe(true);
    expect(isLanguageCode('zh-hans', [])).toBe(true);
    expect(isLanguageCode('md', [])).toBe(false);
  });
});
