/**
 * The editor's form: one zod schema for what it posts, and the conversions between its string
 * values and the part of a PostInput the editor controls. Publish at is a wall-clock time in the
 * site's time zone.
 */
import { z } from 'zod';
import { isValidSlug, MAX_SLUG_LENGTH, slugify } from './slug.js';
import type { PostInput, PostStatus, PostType } from './types.js';
import { utcToZoned, zonedToUtc } from './zoned-time.js';

export const FORM_STATUSES = ['draft', 'published', 'scheduled'] as const satisfies readonly PostStatus[];
export const MAX_TITLE = 200;
export const MAX_TAGS = 50;

/** Paths a page may not take: the site's own sections answer there first. */
export const RESERVED_PAGE_SLUGS = new Set([
  'admin', 'posts', 'tags', 'categories', 'series', 'archives', 'search', 'page', 'media', 'css', 'js', 'images',
  'healthz',
]);

/** What the editor controls of a post: the rest of a PostInput stays as it was. */
export type EditorFields = Pick<
  PostInput,
  'title' | 'slug' | 'summarySource' | 'description' | 'markdown' | 'tags' | 'status' | 'publishedAt'
> & { coverImage: string };

/** The form's values as strings, as the browser sends them and the view shows them. */
export interface PostFormValues {
  title: string;
  slug: string;
  summary: string;
  description: string;
  content: string;
  tags: string;
  status: PostStatus;
  publishAt: string;
  coverImage: string;
  version: string;
}

export interface FormContext {
  type: PostType;
  timeZone: string;
  now: Date;
}

/** Browsers send CRLF from textareas; the stored text uses LF. */
const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .max(max, `${what} is too long: ${max.toLocaleString('en-US')} characters at most.`)
    .transform((s) => s.replace(/\r\n?/g, '\n'))
    .default('');

export function parseTags(raw: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim().replace(/\s+/g, ' ');
    const key = slugify(name) || name;
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(name);
  }
  return tags;
}

function isCoverImage(s: string): boolean {
  if (s === '') return true;
  const hasControl = [...s].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f');
  if (hasControl || /[\s"'<>\\]/.test(s)) return false;
  if (s.startsWith('/')) return !s.startsWith('//');
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The schema of the editor's form; its output is the editor's fields plus the version the form started from. */
export function postFormSchema(ctx: FormContext) {
  const noun = ctx.type === 'page' ? 'page' : 'post';
  return z
    .object({
      title: z
        .string({ error: 'Enter a title.' })
        .trim()
        .min(1, 'Enter a title.')
        .max(MAX_TITLE, `Keep the title to ${MAX_TITLE} characters or fewer.`),
      slug: z
        .string({ error: 'The slug must be text.' })
        .trim()
        .default('')
        .refine((s) => s === '' || isValidSlug(s), {
          message: `Use lowercase letters, digits and single hyphens (at most ${MAX_SLUG_LENGTH} characters), e.g. "my-first-${noun}".`,
        }),
      summary: text(5_000, 'The summary'),
      description: text(1_000, 'The description').transform((s) => s.trim()),
      content: text(1_000_000, 'The content'),
      tags: text(2_000, 'Tags')
        .transform(parseTags)
        .refine((tags) => tags.length <= MAX_TAGS, `At most ${MAX_TAGS} tags.`)
        .refine((tags) => tags.every((t) => t.length <= 100), 'Each tag must be 100 characters or fewer.')
        .refine((tags) => tags.every((t) => slugify(t) !== ''), 'Each tag needs at least one letter or digit.'),
      status: z.enum(FORM_STATUSES, { error: 'Choose Draft, Published or Scheduled.' }),
      publishAt: z
        .string({ error: 'Enter a date and time.' })
        .trim()
        .default('')
        .refine((s) => s === '' || zonedToUtc(s, ctx.timeZone) !== null, 'Enter a date and time, e.g. 2026-12-01 09:00.'),
      coverImage: z
        .string({ error: 'The cover image must be text.' })
        .trim()
        .max(1_000, 'The cover image address is too long.')
        .default('')
        .refine(isCoverImage, 'Enter a path on this site (e.g. /media/…) or an http(s) address.'),
      version: z
        .string()
        .regex(/^\d{1,9}$/)
        .transform(Number)
        .optional()
        .catch(undefined),
    })
    .superRefine(
      (v, issues) => {
        const slug = typeof v.slug === 'string' && v.slug !== '' ? v.slug : typeof v.title === 'string' ? slugify(v.title) : '';
        if (v.slug === '' && typeof v.title === 'string' && v.title !== '' && slug === '') {
          issues.addIssue({ code: 'custom', path: ['slug'], message: 'The title has no letters or digits to make a slug from: enter one.' });
        }
        if (ctx.type === 'page' && RESERVED_PAGE_SLUGS.has(slug)) {
          issues.addIssue({ code: 'custom', path: ['slug'], message: 'That address belongs to another part of the site; choose another slug.' });
        }
        if (v.status === 'scheduled') {
          const at = typeof v.publishAt === 'string' && v.publishAt !== '' ? zonedToUtc(v.publishAt, ctx.timeZone) : null;
          if (typeof v.publishAt === 'string' && v.publishAt === '') {
            issues.addIssue({ code: 'custom', path: ['publishAt'], message: 'Scheduled needs a date and time to publish at.' });
          } else if (at && at.getTime() <= ctx.now.getTime()) {
            issues.addIssue({ code: 'custom', path: ['publishAt'], message: 'Scheduled needs a date and time in the future.' });
          }
        }
      },
      { when: () => true },
    )
    .transform((v): { fields: EditorFields; version: number | undefined } => {
      const at = v.publishAt === '' ? null : zonedToUtc(v.publishAt, ctx.timeZone);
      return {
        fields: {
          title: v.title,
          slug: v.slug === '' ? slugify(v.title) : v.slug,
          summarySource: v.summary,
          description: v.description,
          markdown: v.content,
          tags: v.tags,
          status: v.status,
          publishedAt: at ?? (v.status === 'draft' ? null : ctx.now),
          coverImage: v.coverImage,
        },
        version: v.version,
      };
    });
}

export type PostFormData = z.output<ReturnType<typeof postFormSchema>>;

export { fieldErrors } from './form-errors.js';

/** What the Status field shows for a stored post: a published post whose moment is ahead is Scheduled. */
export function formStatusOf(post: { status: string; publishedAt: Date | null }, now: Date): PostStatus {
  if (post.status === 'draft') return 'draft';
  return post.publishedAt && post.publishedAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

/** The form's values for a stored post (or a blank one), Publish at in `timeZone`. */
export function formValuesOf(
  post: Partial<EditorFields> & { version?: number },
  timeZone: string,
  now: Date,
): PostFormValues {
  return {
    title: post.title ?? '',
    slug: post.slug ?? '',
    summary: post.summarySource ?? '',
    description: post.description ?? '',
    content: post.markdown ?? '',
    tags: (post.tags ?? []).join(', '),
    status: formStatusOf({ status: post.status ?? 'draft', publishedAt: post.publishedAt ?? null }, now),
    publishAt: post.publishedAt ? utcToZoned(post.publishedAt, timeZone) : '',
    coverImage: post.coverImage ?? '',
    version: post.version === undefined ? '' : String(post.version),
  };
}

/** What the user typed, kept as they typed it, for re-rendering a refused form. */
export function typedValues(body: unknown): PostFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  const status = str('status');
  return {
    title: str('title'),
    slug: str('slug'),
    summary: str('summary'),
    description: str('description'),
    content: str('content'),
    tags: str('tags'),
    status: (FORM_STATUSES as readonly string[]).includes(status) ? (status as PostStatus) : 'draft',
    publishAt: str('publishAt'),
    coverImage: str('coverImage'),
    version: str('version'),
  };
}

/** A full PostInput from the editor's fields, for a new post (the defaults an imported post would lack). */
export function toPostInput(type: PostType, fields: EditorFields): PostInput & { coverImage: string } {
  return {
    ...fields,
    type,
    expiresAt: null,
    updatedAt: null,
    weight: null,
    showToc: false,
    categories: [],
    aliases: [],
    extra: {},
  };
}

/** The preview endpoint's body: the text fields of the form, JSON. */
export const previewSchema = z.object({
  title: z.string().max(MAX_TITLE * 5).default(''),
  content: z.string().max(1_000_000).default(''),
  summary: z.string().max(5_000).default(''),
  description: z.string().max(1_000).default(''),
  publishAt: z.string().max(40).default(''),
});
