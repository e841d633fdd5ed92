/**
 * Each attack sends what once hurt the server and says what it got back. An attack passes when
 * every answer is the clear one expected (never a 5xx, a dropped connection or a wrong page).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from './client.js';
import * as input from './inputs.js';

export interface Ctx {
  origin: string;
  dataDir: string;
  admin: Client;
  contributor: Client;
  newClient(): Client;
  sessionRows(): number;
  rssMb(): number;
  cli(script: 'import' | 'export', args: string[]): Promise<{ code: number | null; output: string }>;
}

export interface Outcome {
  statuses: (number | string)[];
  pass: boolean;
  detail: string;
}

export interface Attack {
  name: string;
  run(ctx: Ctx): Promise<Outcome>;
}

const uid = () => Math.random().toString(36).slice(2, 8);
const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;
const statusOf = (p: Promise<{ status: number }>) =>
  p
    .then((a) => a.status)
    .catch((err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message);
const only = (statuses: (number | string)[], allowed: number[]) =>
  statuses.every((s) => typeof s === 'number' && allowed.includes(s));

async function preview(ctx: Ctx, content: string) {
  const token = await ctx.contributor.token('/admin/posts/new');
  const body = JSON.stringify({ title: 'Hostile', content, summary: '', description: '', publishAt: '' });
  return ctx.contributor.send('POST', '/admin/preview', body, {
    'content-type': 'application/json',
    accept: 'application/json',
    'x-csrf-token': token,
  });
}

async function saveAs(client: Client, fields: Record<string, string>) {
  const form = await client.formOf('/admin/posts/new', '/admin/posts/new');
  return client.postForm('/admin/posts/new', { ...form, slug: '', summary: '', description: '', ...fields });
}

/** A preview of `content` must render (200) or be refused within the budget (413). */
function previewAttack(name: string, content: () => string, allowed = [200]): Attack {
  return {
    name,
    async run(ctx) {
      const started = performance.now();
      const answer = await preview(ctx, content());
      return {
        statuses: [answer.status],
        pass: allowed.includes(answer.status),
        detail: `preview in ${ms(started)}`,
      };
    },
  };
}

async function upload(client: Client, bytes: Buffer, filename: string, type: string) {
  const token = await client.token('/admin/media');
  const form = new FormData();
  form.set('_csrf', token);
  form.set('alt', 'attack');
  form.set('file', new Blob([new Uint8Array(bytes)], { type }), filename);
  return client.send('POST', '/admin/media', form);
}

export const ATTACKS: Attack[] = [
  {
    name: 'six anonymous clients post 2 MB JSON arrays to the sign-in form',
    async run(ctx) {
      const bomb = input.jsonBomb();
      const statuses = (
        await Promise.all(
          Array.from({ length: 6 }, async () => {
            const client = ctx.newClient();
            const got = [];
            for (let i = 0; i < 3; i++)
              got.push(
                await statusOf(
                  client.send('POST', '/admin/login', bomb, { 'content-type': 'application/json' }),
                ),
              );
            return got;
          }),
        )
      ).flat();
      return { statuses, pass: only(statuses, [400, 403, 413, 415]), detail: `${statuses.length} requests` };
    },
  },
  {
    name: 'a contributor previews and saves 100,000 one-word list items',
    async run(ctx) {
      const started = performance.now();
      const seen = await preview(ctx, input.manyListItems());
      const saved = await saveAs(ctx.contributor, {
        title: `List ${uid()}`,
        content: input.manyListItems(),
        status: 'draft',
      });
      const keptText = saved.status === 303 || saved.text.includes('- a\n- a\n');
      return {
        statuses: [seen.status, saved.status],
        pass: [200, 413].includes(seen.status) && [303, 413].includes(saved.status) && keptText,
        detail: `both in ${ms(started)}${saved.status === 413 ? ', text kept in the form' : ''}`,
      };
    },
  },
  previewAttack(
    'a contributor previews a heading with an unclosed attribute block',
    input.unclosedAttributes,
  ),
  previewAttack('a contributor previews 16,000 identical headings', input.sameHeadings),
  previewAttack('a contributor previews 8,000 unclosed figure shortcodes', input.unclosedFigures),
  {
    name: 'an import whose contentDir and module mount point outside the site',
    async run(ctx) {
      const root = fs.mkdtempSync(path.join(ctx.dataDir, 'import-'));
      const outside = path.join(root, 'outside');
      const site = path.join(root, 'site');
      fs.mkdirSync(path.join(outside, 'posts'), { recursive: true });
      fs.writeFileSync(
        path.join(outside, 'posts', 'stolen.md'),
        '---\ntitle: Stolen\ndate: 2024-01-01\n---\nNot yours.\n',
      );
      fs.mkdirSync(path.join(site, 'content', 'posts'), { recursive: true });
      fs.writeFileSync(
        path.join(site, 'content', 'posts', 'own.md'),
        '---\ntitle: Own\ndate: 2024-01-02\n---\nMine.\n',
      );
      fs.writeFileSync(
        path.join(site, 'hugo.toml'),
        `title = "S"\ncontentDir = ${JSON.stringify(outside)}\n[[module.mounts]]\nsource = "../outside"\ntarget = "content"\n`,
      );
      const run = await ctx.cli('import', [site]);
      const stolen = await ctx.newClient().get('/posts/stolen/');
      return {
        statuses: [`exit ${run.code}`, stolen.status],
        pass: run.code === 1 && stolen.status === 404 && /outside the site/i.test(run.output),
        detail:
          run.output
            .split('\n')
            .find((l) => /outside the site/i.test(l))
            ?.trim()
            .slice(0, 110) ?? 'no refusal line',
      };
    },
  },
  {
    name: 'four 25-frame 1000×1000 GIFs uploaded at once, sign-in and search meanwhile',
    async run(ctx) {
      const gif = await input.animatedGif();
      // The session's form token made once, before the uploads ask for it at the same moment.
      await ctx.admin.token('/admin/media');
      const uploads = Array.from({ length: 4 }, () =>
        statusOf(upload(ctx.admin, gif, `anim-${uid()}.gif`, 'image/gif')),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      let started = performance.now();
      const reader = ctx.newClient();
      const signIn = await statusOf(
        reader
          .signIn(process.env.ATTACK_ADMIN_EMAIL!, process.env.ATTACK_ADMIN_PASSWORD!)
          .then(() => ({ status: 303 })),
      );
      const signInMs = ms(started);
      started = performance.now();
      const search = await statusOf(ctx.newClient().get(`/search/?q=${uid()}`));
      const searchMs = ms(started);
      const statuses = [...(await Promise.all(uploads)), signIn, search];
      return {
        statuses,
        pass: only(statuses.slice(0, 4), [303, 400, 413, 429, 503]) && signIn === 303 && search === 200,
        detail: `sign-in ${signInMs}, search ${searchMs}`,
      };
    },
  },
  {
    name: 'a 49-megapixel PNG of 150 KB',
    async run(ctx) {
      const before = ctx.rssMb();
      const answer = await upload(ctx.admin, await input.hugePng(), 'huge.png', 'image/png');
      const after = ctx.rssMb();
      return {
        statuses: [answer.status],
        pass: [303, 400, 413].includes(answer.status),
        detail: `RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB`,
      };
    },
  },
  {
    name: '1,000 cookie-less visits to the sign-in page',
    async run(ctx) {
      const before = ctx.sessionRows();
      const statuses: (number | string)[] = [];
      for (let batch = 0; batch < 50; batch++)
        statuses.push(
          ...(await Promise.all(
            Array.from({ length: 20 }, () => statusOf(ctx.newClient().get('/admin/login'))),
          )),
        );
      const stored = ctx.sessionRows() - before;
      return {
        statuses,
        pass: only(statuses, [200]) && stored === 0,
        detail: `${stored} session rows stored`,
      };
    },
  },
  {
    name: 'a tag used only by a scheduled post',
    async run(ctx) {
      const tag = `hidden-${uid()}`;
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
      const saved = await saveAs(ctx.admin, {
        title: `Soon ${uid()}`,
        content: 'Later.',
        tags: tag,
        status: 'scheduled',
        publishAt: tomorrow,
      });
      const page = await ctx.newClient().get(`/tags/${tag}/`);
      const feed = await ctx.newClient().get(`/tags/${tag}/index.xml`);
      // The same page as for a tag nobody uses (the address itself appears in both).
      const unknown = `nobody-${uid()}`.slice(0, tag.length).padEnd(tag.length, 'x');
      const never = await ctx.newClient().get(`/tags/${unknown}/`);
      const same = page.text.replaceAll(tag, '') === never.text.replaceAll(unknown, '');
      return {
        statuses: [saved.status, page.status, feed.status],
        pass: saved.status === 303 && page.status === 404 && feed.status === 404 && same,
        detail: same ? 'page and feed 404, the page of a tag nobody uses' : 'the 404 differs from an unknown tag’s',
      };
    },
  },
  {
    name: 'the revisions page of a post saved 25 times at 300 KB',
    async run(ctx) {
      const body = 'A paragraph of an ordinary long post, with *some* words in it.\n\n'.repeat(4_700);
      const first = await saveAs(ctx.admin, { title: `Long ${uid()}`, content: body, status: 'draft' });
      const edit = first.headers.get('location') ?? '';
      const statuses: (number | string)[] = [first.status];
      for (let i = 0; i < 24; i++) {
        const form = await ctx.admin.formOf(edit, edit);
        const content = `Revision ${i}\n\n${body.slice(0, 1000 * i)}Changed ${i}.\n\n${body.slice(1000 * i)}`;
        statuses.push((await ctx.admin.postForm(edit, { ...form, content })).status);
      }
      const started = performance.now();
      const page = await ctx.admin.get(edit.replace(/\/edit$/, '/revisions'));
      statuses.push(page.status);
      return {
        statuses: [...new Set(statuses)],
        pass: only(statuses, [200, 303]),
        detail: `revisions page in ${ms(started)}`,
      };
    },
  },
  {
    name: 'a post whose text holds the search highlighter’s own markers',
    async run(ctx) {
      const word = `zebra${uid()}`;
      const saved = await saveAs(ctx.admin, {
        title: `Markers ${uid()}`,
        content: input.controlMarkers(word),
        status: 'published',
      });
      const found = await ctx.newClient().get(`/search/?q=${word}`);
      const marks = [...found.text.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);
      return {
        statuses: [saved.status, found.status],
        pass:
          saved.status === 303 && found.status === 200 && marks.length > 0 && marks.every((m) => m === word),
        detail: `marked: ${[...new Set(marks)].join(', ') || 'nothing'}`,
      };
    },
  },
  {
    name: 'an upload named café-日本.png',
    async run(ctx) {
      const answer = await upload(ctx.admin, await input.smallPng(), 'café-日本.png', 'image/png');
      const library = await ctx.admin.get('/admin/media');
      const kept = library.text.includes('café-日本');
      return {
        statuses: [answer.status],
        pass: answer.status === 303 && kept,
        detail: kept ? 'name kept' : 'name garbled',
      };
    },
  },
  {
    name: 'an export into a folder that does not exist yet',
    async run(ctx) {
      const out = path.join(ctx.dataDir, `export-${uid()}`, 'nested');
      const run = await ctx.cli('export', [out]);
      const written = fs.existsSync(out) ? fs.readdirSync(out, { recursive: true }).length : 0;
      return {
        statuses: [`exit ${run.code}`],
        pass: run.code === 0 && written > 0,
        detail: `${written} files and folders written`,
      };
    },
  },
];
