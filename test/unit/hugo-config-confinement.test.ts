/**
 * A configuration that names folders outside the site, or that is built to exhaust the parser:
 * the folder is refused with its setting, file and line; the file is refused, not thrown.
 */
import { describe, expect, it } from 'vitest';
import { configOf, parseError } from '../helpers/hugo-config.js';

describe('folders the configuration names', () => {
  it.each([
    [
      'an absolute path',
      '/srv/other-site/content',
      /is an absolute path, outside the site folder; not read$/,
    ],
    ['a path climbing out', '../other-site/content', /climbs out of the site folder; not read$/],
    ['a path climbing out after going in', 'content/../../other', /climbs out of the site folder; not read$/],
  ])(
    'when contentDir is %s, then it is refused at its line and nothing is read for it',
    (_name, dir, reason) => {
      const c = configOf(`title = "Notes"\ncontentDir = "${dir}"\n`);

      expect(c.contentDir).toBeNull();
      expect(c.problems).toEqual([{ file: 'hugo.toml', line: 2, reason: expect.stringMatching(reason) }]);
      expect(c.problems[0]!.reason).toMatch(/^contentDir "/);
    },
  );

  it('when contentDir goes down and back up inside the site, then it is read', () => {
    const c = configOf('contentDir = "./pages/../content/"\n');

    expect(c.contentDir).toBe('pages/../content');
    expect(c.problems).toEqual([]);
  });

  it("when one language's contentDir leaves the site, then only that language is refused", () => {
    const c = configOf(
      '[languages.en]\ncontentDir = "content/en"\nweight = 1\n[languages.fr]\ncontentDir = "/home/someone/fr"\nweight = 2\n',
    );

    expect(c.contentDir).toBe('content/en');
    expect([...c.languageDirs]).toEqual([]);
    expect(c.problems).toEqual([
      {
        file: 'hugo.toml',
        line: 5,
        reason: expect.stringMatching(/^languages\.fr\.contentDir "\/home\/someone\/fr" is an absolute path/),
      },
    ]);
  });

  it('when a content mount comes from outside the site, then it is refused and the default language reads nothing', () => {
    const c = configOf('[[module.mounts]]\nsource = "../elsewhere"\ntarget = "content"\n');

    expect(c.contentDir).toBeNull();
    expect(c.problems).toEqual([
      {
        file: 'hugo.toml',
        line: 2,
        reason: 'module.mounts source "../elsewhere" climbs out of the site folder; not read',
      },
    ]);
  });

  it("when a language's mount comes from outside, then that language is refused and the others keep theirs", () => {
    const c = configOf(
      '[languages.en]\n[languages.de]\n[[module.mounts]]\nsource = "content/english"\ntarget = "content"\nlang = "en"\n[[module.mounts]]\nsource = "../../deutsch"\ntarget = "content"\nlang = "de"\n',
    );

    expect(c.contentDir).toBe('content/english');
    expect([...c.languageDirs]).toEqual([]);
    expect(c.problems).toMatchObject([{ file: 'hugo.toml', line: 8 }]);
  });

  it('when a staticDir leaves the site, then it is refused and static/ does not stand in for it', () => {
    expect(configOf('staticDir = ["/etc"]\n').staticDirs).toEqual([]);
    const c = configOf('staticDir = ["static", "../shared/images"]\n');

    expect(c.staticDirs).toEqual(['static']);
    expect(c.problems).toEqual([
      {
        file: 'hugo.toml',
        line: 1,
        reason: 'staticDir "../shared/images" climbs out of the site folder; not read',
      },
    ]);
  });
});

describe('configuration files built to exhaust the parser', () => {
  it('when tables are nested thousands of levels deep, then the file is refused, not thrown', () => {
    const dotted = Array.from({ length: 20_000 }, () => 'a').join('.');

    expect(parseError(`[${dotted}]\nb = 1\n`, 'toml').message).toBe('tables nested more than 64 levels deep');
    expect(parseError(`{"a": ${'['.repeat(100)}${']'.repeat(100)}}`, 'json').message).toMatch(
      /nested more than 64/,
    );
  });

  it('when YAML brackets are nested thousands deep, then the error names the line', () => {
    const error = parseError(`title: x\nparams: ${'['.repeat(5_000)}\n`, 'yaml');

    expect(error.message).toMatch(/^bad YAML: /);
    expect(error.line).toBe(2);
  });

  it('when YAML aliases multiply a list a billion times, then it is refused as YAML', () => {
    const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      laughs.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(', ')}]`,
      );
    }

    expect(parseError(laughs.join('\n'), 'yaml').message).toMatch(/^bad YAML: .*alias/i);
  });

  it('when a YAML alias sits inside its own anchor, then the file is refused, not looped over', () => {
    expect(parseError('params: &p\n  self: *p\n', 'yaml').message).toMatch(/nested more than 64/);
  });
});
