/** The site settings form: its zod schema and the values it shows. Pure functions. */
import { z } from 'zod';
import type { SiteSettings } from '../models/settings.js';
import { formatDate, isValidTimeZone } from './dates.js';
import { layoutChunks } from './go-layout.js';

export interface SettingsFormValues {
  title: string;
  description: string;
  author: string;
  baseUrl: string;
  postsPerPage: string;
  timeZone: string;
  dateFormat: string;
  showReadingTime: boolean;
  showAuthor: boolean;
  requireAdminTwoFactor: boolean;
}

/** An IANA name such as "Europe/Paris" or "UTC" (not an offset like "+02:00"). */
const timeZone = z
  .string()
  .trim()
  .min(1, 'Choose a time zone.')
  .refine(
    (tz) => /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz) && isValidTimeZone(tz),
    'Choose a time zone from the list.',
  );

function isBaseUrl(s: string): boolean {
  if (s === '') return true;
  try {
    const url = new URL(s);
    const hasExtras = url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '';
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !hasExtras;
  } catch {
    return false;
  }
}

const checkbox = z
  .enum(['on', 'true', '1'], { message: 'Tick the box or leave it empty.' })
  .optional()
  .transform((v) => v !== undefined);

export const settingsFormSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'Enter the site title.')
    .max(120, 'The title is too long: 120 characters at most.'),
  description: z.string().trim().max(500, 'The description is too long: 500 characters at most.').default(''),
  author: z.string().trim().max(120, 'The author is too long: 120 characters at most.').default(''),
  baseUrl: z
    .string()
    .trim()
    .max(300, 'The base URL is too long.')
    .default('')
    .refine(isBaseUrl, 'Enter an absolute http(s) URL such as https://example.com, or leave it empty.')
    .transform((s) => s.replace(/\/+$/, '')),
  postsPerPage: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'Enter a whole number from 1 to 100.')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, 'Enter a whole number from 1 to 100.')
        .max(100, 'Enter a whole number from 1 to 100.'),
    ),
  timeZone,
  dateFormat: z
    .string()
    .trim()
    .min(1, 'Enter a date format.')
    .max(100, 'The date format is too long: 100 characters at most.')
    .refine(
      (layout) => layoutChunks(layout).some((chunk) => chunk.kind !== 'literal'),
      'The format needs at least one part of the reference date, such as January, 2 or 2006.',
    ),
  showReadingTime: checkbox,
  showAuthor: checkbox,
  requireAdminTwoFactor: checkbox,
});

export type SettingsUpdate = z.output<typeof settingsFormSchema>;

export { fieldErrors } from './form-errors.js';

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** What the user typed, to show again after a refusal. */
export function typedValues(body: Record<string, unknown>): SettingsFormValues {
  return {
    title: text(body.title),
    description: text(body.description),
    author: text(body.author),
    baseUrl: text(body.baseUrl),
    postsPerPage: text(body.postsPerPage),
    timeZone: text(body.timeZone),
    dateFormat: text(body.dateFormat),
    showReadingTime: body.showReadingTime !== undefined,
    showAuthor: body.showAuthor !== undefined,
    requireAdminTwoFactor: body.requireAdminTwoFactor !== undefined,
  };
}

export function savedValues(s: SiteSettings): SettingsFormValues {
  return { ...s, postsPerPage: String(s.postsPerPage) };
}

const LABELS: Record<keyof SiteSettings, string> = {
  title: 'site title',
  description: 'description',
  author: 'author',
  baseUrl: 'base URL',
  postsPerPage: 'posts per page',
  timeZone: 'time zone',
  dateFormat: 'date format',
  showReadingTime: 'show reading time',
  showAuthor: 'show author',
  requireAdminTwoFactor: 'require two-factor sign-in for administrators',
};

/** A line for the audit log naming what changed ("Changed site title, time zone"), or null when nothing did. */
export function settingsChangeSummary(before: SiteSettings, after: Partial<SiteSettings>): string | null {
  const changed = (Object.keys(LABELS) as (keyof SiteSettings)[]).filter(
    (key) => key in after && after[key] !== before[key],
  );
  if (changed.length === 0) return null;
  const turned = (key: keyof SiteSettings) =>
    typeof after[key] === 'boolean' ? `${LABELS[key]} ${after[key] ? 'on' : 'off'}` : LABELS[key];
  return `Changed ${changed.map(turned).join(', ')}`;
}

/** Every zone this runtime knows, with UTC and the current (valid) choice always among them. */
export function timeZoneChoices(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  if (current !== '' && isValidTimeZone(current)) zones.add(current);
  return [...zones].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/** `now` in the given format and zone, or null when either cannot be used yet. */
export function datePreview(layout: string, tz: string, now: Date): string | null {
  if (layout.trim() === '' || !isValidTimeZone(tz)) return null;
  return formatDate(now, layout.trim(), tz);
}
