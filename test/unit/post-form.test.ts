import { describe, expect, it } from 'vitest';
import {
  fieldErrors, formStatusOf, formValuesOf, parseTags, postFormSchema, toPostInput, typedValues,
} from '../../src/content/post-form.js';
import { utcToZoned, zonedToUtc } from '../../src/content/zoned-time.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const paris = postFormSchema({ type: 'post', timeZone: 'Europe/Paris', now: NOW });
const form = (overrides: Record<string, unknown> = {}) => ({
  title: 'Hello World',
  slug: '',
  summary: '',
  description: '',
  content: 'Body',
  tags: '',
  status: 'draft',
  publishAt: '',
  coverImage: '',
  version: '3',
  ...overrides,
});

function errorsOf(schema: ReturnType<typeof postFormSchema>, body: Record<string, unknown>) {
  const result = schema.safeParse(body);
  if (result.success) throw new Error('expected the form to be refused');
  return fieldErrors(result.error);
}

describe('Publish at in the site time zone', () => {
  it('when 2026-12-01T09:00 is read in Europe/Paris, then it is 08:00Z', () => {
    expect(zonedToUtc('2026-12-01T09:00', 'Europe/Paris')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('when 08:00Z is shown in Europe/Paris, then the field says 2026-12-01T09:00', () => {
    expect(utcToZoned(new Date('2026-12-01T08:00:00Z'), 'Europe/Paris')).toBe('2026-12-01T09:00');
  });

  it('when a summer time is read in Europe/Paris, then the offset is two hours', () => {
    expect(zonedToUtc('2026-07-14T09:00', 'Europe/Paris')?.toISOString()).toBe('2026-07-14T07:00:00.000Z');
  });

  it('when the zone is west of UTC and the date crosses midnight, then the day moves too', () => {
    expect(zonedToUtc('2026-12-31T22:30:15', 'America/New_York')?.toISOString()).toBe('2027-01-01T03:30:15.000Z');
    expect(utcToZoned(new Date('2027-01-01T03:30:15Z'), 'America/New_York')).toBe('2026-12-31T22:30:15');
  });

  it.each(['2026-02-30T09:00', '2026-13-01T09:00', '2026-12-01 09:00', 'tomorrow', '2026-12-01T24:00', ''])(
    'when the value is %j, then it is not a date-time',
    (value) => {
      expect(zonedToUtc(value, 'Europe/Paris')).toBeNull();
    },
  );

  it('when the zone is unknown, then nothing is converted', () => {
    expect(zonedToUtc('2026-12-01T09:00', 'Mars/Olympus')).toBeNull();
  });
});

describe('the post form schema', () => {
  it('when the form is read, then Publish at becomes the UTC instant and the rest the editor fields', () => {
    const result = paris.parse(
      form({ status: 'scheduled', publishAt: '2026-12-01T09:00', tags: 'Go, kubernetes, go ,', summary: 'a\r\nb' }),
    );
    expect(result.version).toBe(3);
    expect(result.fields).toEqual({
      title: 'Hello World',
      slug: 'hello-world',
      summarySource: 'a\nb',
      description: '',
      markdown: 'Body',
      tags: ['Go', 'kubernetes'],
      status: 'scheduled',
      publishedAt: new Date('2026-12-01T08:00:00Z'),
      coverImage: '',
    });
  });

  it('when the slug is empty, then it is made from the title; when given, it is kept', () => {
    expect(paris.parse(form({ title: 'Ärger über Öl' })).fields.slug).toBe('ärger-über-öl');
    expect(paris.parse(form({ slug: 'my-slug' })).fields.slug).toBe('my-slug');
  });

  it('when Published has no Publish at, then it is published now; a draft keeps none', () => {
    expect(paris.parse(form({ status: 'published' })).fields.publishedAt).toEqual(NOW);
    expect(paris.parse(form({ status: 'draft' })).fields.publishedAt).toBeNull();
    expect(paris.parse(form({ status: 'draft', publishAt: '2020-01-01T10:00' })).fields.publishedAt).toEqual(
      new Date('2020-01-01T09:00:00Z'),
    );
  });

  it('when Scheduled has no Publish at or one in the past, then Publish at gets a message', () => {
    expect(errorsOf(paris, form({ status: 'scheduled' })).publishAt).toMatch(/Scheduled needs/);
    expect(errorsOf(paris, form({ status: 'scheduled', publishAt: '2026-06-01T13:59' })).publishAt).toMatch(/future/);
    expect(paris.parse(form({ status: 'scheduled', publishAt: '2026-06-01T14:01' })).fields.publishedAt).toEqual(
      new Date('2026-06-01T12:01:00Z'),
    );
  });

  it('when several fields are wrong, then each gets its own message at once', () => {
    const errors = errorsOf(
      paris,
      form({ title: '  ', slug: 'Bad Slug!', status: 'scheduled', publishAt: 'soon', coverImage: 'javascript:alert(1)' }),
    );
    expect(Object.keys(errors).sort()).toEqual(['coverImage', 'publishAt', 'slug', 'title']);
    expect(errors.title).toBe('Enter a title.');
  });

  it('when the title is too long or a field is not text, then the form is refused', () => {
    expect(errorsOf(paris, form({ title: 'x'.repeat(201) })).title).toMatch(/200/);
    expect(errorsOf(paris, form({ content: ['a', 'b'] })).content).toBeDefined();
    expect(errorsOf(paris, form({ status: 'live' })).status).toMatch(/Draft, Published or Scheduled/);
  });

  it('when the title has no letters and no slug is given, then the slug asks for one', () => {
    expect(errorsOf(paris, form({ title: '!!!' })).slug).toMatch(/enter one/);
  });

  it('when a page takes a slug the site uses, then the slug is refused', () => {
    const pages = postFormSchema({ type: 'page', timeZone: 'UTC', now: NOW });
    expect(errorsOf(pages, form({ slug: 'tags' })).slug).toMatch(/another part of the site/);
    expect(pages.parse(form({ slug: 'about' })).fields.slug).toBe('about');
  });

  it.each(['/media/abc/photo.jpg', 'https://example.com/a.png', ''])('when the cover image is %j, then it is kept', (coverImage) => {
    expect(paris.parse(form({ coverImage })).fields.coverImage).toBe(coverImage);
  });

  it.each(['//evil.example/x.png', 'data:image/png;base64,AAAA', 'a b', '"><script>'])(
    'when the cover image is %j, then it is refused',
    (coverImage) => {
      expect(errorsOf(paris, form({ coverImage })).coverImage).toBeDefined();
    },
  );

  it('when the version is missing or nonsense, then it is undefined (a save that will conflict, not a crash)', () => {
    expect(paris.parse(form({ version: undefined })).version).toBeUndefined();
    expect(paris.parse(form({ version: 'x' })).version).toBeUndefined();
  });
});

describe('form values for a stored post', () => {
  it('when a post is shown, then its fields become the form strings, Publish at in the site zone', () => {
    const values = formValuesOf(
      {
        title: 'T', slug: 't', summarySource: 'S', description: 'D', markdown: 'M', tags: ['a', 'b'],
        status: 'published', publishedAt: new Date('2026-12-01T08:00:00Z'), coverImage: '/c.png', version: 4,
      },
      'Europe/Paris',
      NOW,
    );
    expect(values).toEqual({
      title: 'T', slug: 't', summary: 'S', description: 'D', content: 'M', tags: 'a, b', status: 'scheduled',
      publishAt: '2026-12-01T09:00', coverImage: '/c.png', version: '4',
    });
  });

  it('when the form is shown and read back, then the post comes back the same', () => {
    const fields = paris.parse(form({ status: 'published', publishAt: '2026-03-29T02:30', tags: 'x, y' })).fields;
    const again = paris.parse({ ...formValuesOf({ ...fields, version: 1 }, 'Europe/Paris', NOW) }).fields;
    expect(again).toEqual(fields);
  });

  it('when a published post is live or ahead, then the status shown follows its date', () => {
    expect(formStatusOf({ status: 'scheduled', publishedAt: new Date('2026-01-01T00:00:00Z') }, NOW)).toBe('published');
    expect(formStatusOf({ status: 'published', publishedAt: new Date('2027-01-01T00:00:00Z') }, NOW)).toBe('scheduled');
    expect(formStatusOf({ status: 'draft', publishedAt: new Date('2027-01-01T00:00:00Z') }, NOW)).toBe('draft');
  });

  it('when a refused form is re-shown, then what was typed comes back as typed', () => {
    expect(typedValues({ title: ' <b>x ', content: 'c', status: 'bogus', tags: ['a'] })).toMatchObject({
      title: ' <b>x ',
      content: 'c',
      status: 'draft',
      tags: '',
    });
  });

  it('when tags repeat in another case, then each is kept once in the written order', () => {
    expect(parseTags(' Go ,go, Rust,, rust ,  Web  Dev ')).toEqual(['Go', 'Rust', 'Web Dev']);
  });

  it('when a new post is made from the form, then the rest of its PostInput has the defaults', () => {
    const input = toPostInput('page', paris.parse(form()).fields);
    expect(input).toMatchObject({ type: 'page', slug: 'hello-world', categories: [], aliases: [], weight: null, extra: {} });
  });
});
