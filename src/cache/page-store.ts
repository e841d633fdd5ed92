/**
 * The page cache's memory and its notion of "still right".
 *
 * One generation at a time: every content write (announced by content-changes.ts) and every
 * scheduled publish or expiry moment ends the generation and drops every page. A page is stored
 * only if its whole rendering happened inside the current generation, and only once the next
 * scheduled moment is known; nothing is served at or after that moment.
 */
import type { ContentChanges } from './content-changes.js';
import { DEFAULT_POLICY, httpDate, publicCacheControl, type CachePolicy } from './http.js';
import { ByteLru } from './lru.js';
import type { CachedPage, Freshness } from './page.js';

export interface PageStoreOptions {
  changes: ContentChanges;
  /** The next moment after `after` when the site changes with no write (see next-change.ts). */
  nextChange: (after: Date) => Promise<Date | null>;
  /** Memory for cached pages, bytes; an eighth of it holds 404s, redirects and searches. */
  maxBytes: number;
  policy?: CachePolicy;
  /** How often to look for writes made by another process, ms. */
  pollEveryMs?: number;
  clock?: () => number;
}

export class PageStore {
  generation = 0;
  /** When the current generation began, ms. */
  private since = 0;
  /** Until when the current generation's pages stay right: null until known. */
  private validUntil: number | null = null;
  private refreshing = false;
  private lastModified = 0;
  private lastModifiedHeader = '';
  private nextPoll = 0;
  /** 200 pages at a path with no query: the pages readers come for. */
  private pages: ByteLru<CachedPage>;
  /** Everything else (404s, redirects, searches): keys anyone can make up, kept apart so they cannot push pages out. */
  private others: ByteLru<CachedPage>;
  private readonly clock: () => number;
  private readonly policy: CachePolicy;
  private readonly defaultCacheControl: string;

  constructor(private readonly options: PageStoreOptions) {
    this.clock = options.clock ?? Date.now;
    this.policy = options.policy ?? DEFAULT_POLICY;
    this.defaultCacheControl = publicCacheControl(Infinity, this.policy);
    const othersBytes = Math.floor(options.maxBytes / 8);
    this.pages = new ByteLru(options.maxBytes - othersBytes);
    this.others = new ByteLru(othersBytes);
    options.changes.subscribe(() => this.invalidate());
    this.invalidate();
  }

  /** Ends the generation: drops every page and starts finding the next scheduled moment. */
  invalidate(): void {
    this.generation++;
    this.pages.clear();
    this.others.clear();
    this.since = this.clock();
    // Last-Modified has whole seconds: the first whole second after the change, so a copy made
    // earlier in the same second never looks current. Given only once that second has come.
    this.lastModified = Math.floor(this.since / 1000) * 1000 + 1000;
    this.lastModifiedHeader = httpDate(this.lastModified);
    this.validUntil = null;
    this.refreshing = false;
    this.refresh();
  }

  private refresh(): void {
    if (this.refreshing) return;
    this.refreshing = true;
    const generation = this.generation;
    const after = new Date(this.since);
    const newYear = new Date(after.getFullYear() + 1, 0, 1).getTime();
    this.options.nextChange(after).then(
      (next) => {
        if (generation !== this.generation) return;
        this.refreshing = false;
        this.validUntil = Math.min(next?.getTime() ?? Infinity, newYear);
      },
      () => {
        // Nothing is cached until a later request manages to ask again.
        if (generation === this.generation) this.refreshing = false;
      },
    );
  }

  /** Whether pages may be served and stored now; crossing the next scheduled moment ends the generation. */
  private live(now: number): boolean {
    if (this.validUntil === null) {
      this.refresh();
      return false;
    }
    if (now >= this.validUntil) {
      this.invalidate();
      return false;
    }
    return true;
  }

  /** True once per poll interval (`claim` false: only look): time to look for other processes' writes. */
  pollDue(now: number, claim = true): boolean {
    if (now < this.nextPoll) return false;
    if (claim) this.nextPoll = now + (this.options.pollEveryMs ?? 1000);
    return true;
  }

  get(key: string): CachedPage | undefined {
    if (!this.live(this.clock())) return undefined;
    return this.pages.get(key) ?? this.others.get(key);
  }

  /**
   * Keeps a page (room permitting) when it is current: rendered entirely within this generation,
   * before the next scheduled moment. Returns whether it is current.
   */
  put(key: string, page: CachedPage, startedIn: number): boolean {
    if (startedIn !== this.generation || !this.live(this.clock())) return false;
    const lru = page.status === 200 && !key.includes('?') ? this.pages : this.others;
    lru.set(key, page);
    return true;
  }

  /** Cache-Control and Last-Modified for a page of the current generation (`current`), or of an older one. */
  freshness(current: boolean): Freshness {
    const now = this.clock();
    if (!current || this.validUntil === null) return { cacheControl: 'no-cache', lastModified: null, lastModifiedHeader: null };
    const ttl = (this.validUntil - now) / 1000;
    const p = this.policy;
    const cacheControl = ttl >= p.sMaxAge + p.staleWhileRevalidate ? this.defaultCacheControl : publicCacheControl(ttl, p);
    const given = now >= this.lastModified;
    return {
      cacheControl,
      lastModified: given ? this.lastModified : null,
      lastModifiedHeader: given ? this.lastModifiedHeader : null,
    };
  }

  stats() {
    return {
      generation: this.generation,
      entries: this.pages.size + this.others.size,
      bytes: this.pages.bytes + this.others.bytes,
      maxBytes: this.options.maxBytes,
      validUntil: this.validUntil,
    };
  }
}
