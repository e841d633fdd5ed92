/**
 * The next moment the public site changes by itself, with no write: a scheduled post's publish
 * time or a post's expiry (nextVisibilityChange in models/visibility.ts), or a new year. The page
 * cache keeps nothing past it.
 */
export { nextVisibilityChange } from '../models/visibility.js';

/** The footer prints the year (server time): a new year is a change too. */
export function nextNewYear(after: Date): Date {
  return new Date(after.getFullYear() + 1, 0, 1);
}
