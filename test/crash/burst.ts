/** A burst of saves through the admin's real editor form, several in flight, until the server dies. */
import { idFrom } from '../helpers/editor-form.js';
import type { Browser } from './browser.js';
import type { Ledger, Save, TrackedPost } from './ledger.js';

/** mulberry32: a small seeded generator, so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WORDS = [
  'durable',
  'write',
  'ahead',
  'log',
  'page',
  'commit',
  'naïve',
  'café',
  'crash',
  'restart',
  'blog',
  'écrit',
];
const TAGS = ['sqlite', 'durability', 'Crash Test', 'wal', 'naïve', 'ops', 'fsync', 'Byline'];

/** Markdown of a few hundred bytes to 200 KB (long posts spill onto SQLite's overflow pages). */
function markdownOf(rnd: () => number, label: string): string {
  const r = rnd();
  const size = r < 0.6 ? 200 + rnd() * 2_000 : r < 0.85 ? 2_000 + rnd() * 20_000 : 50_000 + rnd() * 150_000;
  const parts = [`## ${label}`, ''];
  let length = 0;
  while (length < size) {
    const words = Array.from(
      { length: 8 + Math.floor(rnd() * 40) },
      () => WORDS[Math.floor(rnd() * WORDS.length)],
    );
    const line = rnd() < 0.2 ? `- ${words.join(' ')} ✓` : `${words.join(' ')} — ${label}.`;
    parts.push(line, '');
    length += line.length + 1;
  }
  return parts.join('\n').trimEnd();
}

function tagsOf(rnd: () => number): string[] {
  const pool = [...TAGS];
  return Array.from(
    { length: Math.floor(rnd() * 4) },
    () => pool.splice(Math.floor(rnd() * pool.length), 1)[0]!,
  );
}

export interface BurstStats {
  created: number;
  edited: number;
  /** Answers other than the expected 303 (each is a failure: the burst sends only valid saves). */
  unexpected: string[];
}

/**
 * Runs `workers` loops that each create a post or edit one (an edit starts from the editor form,
 * with its `version`), recording in `ledger` what was sent and what was acknowledged. A loop ends
 * at its first connection error; one before `isKilled()` is true counts as unexpected.
 */
export async function runBurst(
  browser: Browser,
  ledger: Ledger,
  opts: { round: number; workers: number; rnd: () => number; isKilled: () => boolean },
): Promise<BurstStats> {
  const { rnd } = opts;
  const stats: BurstStats = { created: 0, edited: 0, unexpected: [] };
  const pick = (n: number) => Math.floor(rnd() * n);

  const newSave = (label: string, slug: string, version: number): Save => ({
    slug,
    title: `Crash ${label} ${WORDS[pick(WORDS.length)]}`,
    markdown: markdownOf(rnd, label),
    tags: tagsOf(rnd),
    status: rnd() < 0.5 ? 'draft' : 'published',
    version,
  });
  const formOf = (save: Save) => ({
    title: save.title,
    slug: save.slug,
    content: save.markdown,
    tags: save.tags.join(', '),
    status: save.status,
  });

  async function create(label: string) {
    const save = newSave(label, label.toLowerCase().replace(/[^a-z0-9]+/g, '-'), 1);
    const fields = await browser.formOf('/admin/posts/new', '/admin/posts/new');
    ledger.unansweredCreates.set(save.slug, save);
    const res = await browser.request('POST', '/admin/posts/new', { ...fields, ...formOf(save) });
    if (res.status !== 303) return stats.unexpected.push(`new ${save.slug}: ${res.status}`);
    ledger.created(idFrom(res.location ?? undefined), save);
    stats.created++;
  }

  async function edit(post: TrackedPost, label: string) {
    const action = `/admin/posts/${post.id}/edit`;
    const fields = await browser.formOf(action, action);
    if (fields.version !== String(post.state.version)) {
      return stats.unexpected.push(
        `post ${post.id}: the editor shows version ${fields.version}, acknowledged ${post.state.version}`,
      );
    }
    const slug =
      rnd() < 0.25 ? `${post.state.slug.replace(/-e\d+$/, '')}-e${post.state.version}` : post.state.slug;
    const save = newSave(label, slug, post.state.version + 1);
    post.inFlight = save;
    const res = await browser.request('POST', action, { ...fields, ...formOf(save) });
    if (res.status !== 303) return stats.unexpected.push(`edit of post ${post.id}: ${res.status}`);
    ledger.edited(post, save);
    stats.edited++;
  }

  async function worker(w: number) {
    for (let n = 1; ; n++) {
      const label = `R${opts.round} W${w} N${n}`;
      const post = rnd() < 0.5 ? ledger.takeIdle(pick) : null;
      try {
        await (post ? edit(post, label) : create(label));
      } catch (err) {
        if (!opts.isKilled()) stats.unexpected.push(`${label}: ${(err as Error).message}`);
        return;
      } finally {
        if (post) ledger.giveBack(post);
      }
      if (stats.unexpected.length > 0) return;
    }
  }

  await Promise.all(Array.from({ length: opts.workers }, (_, w) => worker(w + 1)));
  return stats;
}
