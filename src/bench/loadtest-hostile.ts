/**
 * `npm run loadtest -- --hostile`: beside the ordinary load, a burst of the worst inputs of the
 * hostile corpus (tools/hostile/corpus.ts). A contributor sends each Markdown input, at 100,000
 * characters, to the live preview and now and then saves it as a draft; visitors post 2 MB JSON
 * arrays to the sign-in form and open it without a cookie. Every answer is counted; the server
 * must answer each one with a clear status, never a 5xx or a dropped connection.
 */
import { HOSTILE_INPUTS } from '../../tools/hostile/corpus.js';
import { cookiesOf, csrfField, request } from './http-client.js';
import type { EditorSession } from './loadtest-editor.js';

export interface HostileBurstResult {
  statuses: Record<string, number>;
  /** Answers of 500 and above, and requests that got no answer at all. */
  failures: string[];
}

const SIZE = 100_000;
const markdownInputs = HOSTILE_INPUTS.filter((input) => input.kind === 'markdown');
const jsonBomb = `[${'{},'.repeat(700_000)}{}]`;

export async function runHostileBurst(
  base: string,
  session: EditorSession,
  stop: () => boolean,
): Promise<HostileBurstResult> {
  const result: HostileBurstResult = { statuses: {}, failures: [] };
  const record = async (what: string, send: () => Promise<{ status: number }>) => {
    try {
      const { status } = await send();
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      if (status >= 500) result.failures.push(`${what}: ${status}`);
    } catch (err) {
      result.statuses.error = (result.statuses.error ?? 0) + 1;
      result.failures.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const url = (path: string) => new URL(path, base).href;
  const writer = { cookie: session.cookie, 'x-csrf-token': session.csrf };

  const contributor = async () => {
    for (let i = 0; !stop(); i++) {
      const input = markdownInputs[i % markdownInputs.length]!;
      const content = input.make(SIZE);
      await record(`preview of ${input.name}`, () =>
        request(url('/admin/preview'), {
          method: 'POST',
          headers: { ...writer, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ title: input.name, content, summary: '', description: '', publishAt: '' }),
        }),
      );
      if (i % 5 !== 0) continue;
      const form = new URLSearchParams({
        _csrf: session.csrf,
        title: `Hostile ${input.name}`,
        slug: '',
        content,
        status: 'draft',
      });
      await record(`draft of ${input.name}`, () =>
        request(url('/admin/posts/new'), {
          method: 'POST',
          headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        }),
      );
    }
  };

  const visitors = async () => {
    while (!stop()) {
      await Promise.all(
        Array.from({ length: 6 }, () =>
          record('JSON array to sign-in', () =>
            request(url('/admin/login'), {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: jsonBomb,
            }),
          ),
        ),
      );
      for (let i = 0; i < 20 && !stop(); i++) {
        await record('sign-in page without a cookie', async () => {
          const page = await request(url('/admin/login'));
          // The visitor's form token rides on a cookie of its own: no session may be stored for it.
          const session = cookiesOf(page.headers).some((c) => c.startsWith('byline.sid='));
          if (session || (page.status === 200 && !csrfField(page.body.toString('utf8'))))
            result.failures.push('the sign-in page stored a session or showed no form token');
          return page;
        });
      }
    }
  };

  await Promise.all([contributor(), contributor(), visitors()]);
  return result;
}
