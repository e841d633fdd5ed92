/**
 * Properties of everything that reads what people write: random Markdown (hostile HTML, URLs,
 * shortcodes), random front matter, random form bodies. Nothing throws that should not, and
 * nothing that comes out can run in a browser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveContent } from '../../src/content/derive.js';
import { FrontMatterError } from '../../src/content/front-matter.js';
import { postFromHugo } from '../../src/content/hugo-post.js';
import { renderMarkdown } from '../../src/content/markdown.js';
import { fieldErrors as postFieldErrors, postFormSchema, typedValues } from '../../src/content/post-form.js';
import {
  fieldErrors as settingsFieldErrors,
  settingsFormSchema,
  typedValues as settingsTypedValues,
} from '../../src/content/settings-form.js';
import {
  accountNameSchema,
  addUserSchema,
  changePasswordSchema,
  fieldErrors as userFieldErrors,
  formValues,
  roleSchema,
  setPasswordSchema,
} from '../../src/content/user-forms.js';
import { contentPath, frontMatterFile, hostileMarkdown } from '../helpers/arbitraries.js';
import { activeContentIn } from '../helpers/inert.js';

const PURE_RUNS = 200;
/** Generous: a busy machine must not fail a property for being slow. */
const SLOW = { timeout: 60_000 };
const now = new Date('2026-03-01T12:00:00Z');

describe('rendering random Markdown', SLOW, () => {
  it('when any Markdown is rendered, then it never throws and nothing in the HTML can run', () => {
    fc.assert(
      fc.property(hostileMarkdown, (md) => {
        const { html } = renderMarkdown(md);
        expect(activeContentIn(html)).toEqual([]);
      }),
      { numRuns: PURE_RUNS },
    );
  });

  it('when a post made of random text is derived, then it never throws, its HTML is inert and its summary is plain text', () => {
    fc.assert(
      fc.property(hostileMarkdown, hostileMarkdown, fc.string({ maxLength: 40 }), (md, summary, title) => {
        const derived = deriveContent({ title, description: title, markdown: md, summarySource: summary });
        expect(activeContentIn(derived.html)).toEqual([]);
        expect(typeof derived.summaryText).toBe('string');
        expect(Number.isFinite(derived.wordCount)).toBe(true);
      }),
      { numRuns: PURE_RUNS },
    );
  });
});

describe('importing random front matter', SLOW, () => {
  // Found by the property below: the YAML library reports bad aliases with plain errors.
  it.each([
    ['an alias to no anchor', '---\ntitle: *nowhere\n---\n', 2],
    ['an alias inside its own anchor', '---\ntitle: x\nparams: &a {x: *a}\n---\n', 3],
    ['an alias inside its own list', '---\ntitle: x\ntags: &t [a, *t]\n---\n', 3],
  ])('when the YAML has %s, then it is a FrontMatterError on the line of the alias', (_name, text, line) => {
    let caught: unknown;
    try {
      postFromHugo({ relPath: 'posts/x.md', text }, { now });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FrontMatterError);
    expect((caught as FrontMatterError).line).toBe(line);
  });

  it('when any content file is read, then it gives a post or a FrontMatterError on a line of the file, nothing else', () => {
    fc.assert(
      fc.property(frontMatterFile, contentPath, (text, rel) => {
        let input;
        try {
          input = postFromHugo({ relPath: rel, text }, { now });
        } catch (error) {
          if (!(error instanceof FrontMatterError)) throw error;
          expect(Number.isInteger(error.line)).toBe(true);
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.line).toBeLessThanOrEqual(Math.max(1, text.split('\n').length));
          expect(error.message).not.toBe('');
          return;
        }
        expect(input.title.trim()).not.toBe('');
        expect(input.slug).toMatch(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u);
        expect(typeof input.markdown).toBe('string');
        expect(() => JSON.stringify(input.extra)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- random form bodies

/** What a body parser can hand a route: strings, repeated fields (arrays), and any JSON. */
const fieldValue = fc.oneof(
  { weight: 5, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'draft',
      'published',
      'scheduled',
      '2026-12-01T09:00',
      '2026-02-30T25:00',
      'on',
      'administrator',
      'UTC',
      'Europe/Paris',
      'x'.repeat(2001),
    ),
  },
);
const bodyWith = (fields: string[]) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 })), fieldValue, {
    maxKeys: fields.length + 2,
  });

const POST_FIELDS = [
  'title',
  'slug',
  'summary',
  'description',
  'content',
  'tags',
  'status',
  'publishAt',
  'coverImage',
  'version',
  '_csrf',
];

/** A refused parse names at least one field, each with a message. */
function expectFieldMessages(errors: Record<string, string>) {
  expect(Object.keys(errors).length).toBeGreaterThan(0);
  for (const message of Object.values(errors)) expect(message.trim()).not.toBe('');
}

describe('validating random form bodies', SLOW, () => {
  it('when the editor form gets any body, then it parses or names the fields, and what was typed can be shown again', () => {
    fc.assert(
      fc.property(
        bodyWith(POST_FIELDS),
        fc.constantFrom('post', 'page') as fc.Arbitrary<'post' | 'page'>,
        fc.constantFrom('UTC', 'Europe/Paris', 'America/St_Johns', 'Pacific/Kiritimati'),
        (body, type, timeZone) => {
          const parsed = postFormSchema({ type, timeZone, now }).safeParse(body);
          if (!parsed.success) expectFieldMessages(postFieldErrors(parsed.error));
          const typed = typedValues(body);
          for (const value of Object.values(typed)) expect(typeof value).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when the user forms get any body, then each parses or names the fields', () => {
    const schemas = [addUserSchema, roleSchema, accountNameSchema, setPasswordSchema, changePasswordSchema];
    const fields = ['email', 'name', 'role', 'newPassword', 'confirmPassword', 'currentPassword'];
    fc.assert(
      fc.property(bodyWith(fields), (body) => {
        for (const schema of schemas) {
          const parsed = schema.safeParse(body);
          if (!parsed.success) expectFieldMessages(userFieldErrors(parsed.error));
        }
        const shown = formValues(body, ['email', 'name', 'role'] as const);
        for (const value of Object.values(shown)) expect(typeof value).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('when the settings form gets any body, then it parses or names the fields, and what was typed can be shown again', () => {
    const fields = [
      'title',
      'description',
      'author',
      'baseUrl',
      'postsPerPage',
      'timeZone',
      'dateFormat',
      'showReadingTime',
      'showAuthor',
    ];
    fc.assert(
      fc.property(bodyWith(fields), (body) => {
        const parsed = settingsFormSchema.safeParse(body);
        if (!parsed.success) expectFieldMessages(settingsFieldErrors(parsed.error));
        const typed = settingsTypedValues(body);
        expect(typeof typed.title).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
