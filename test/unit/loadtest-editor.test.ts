import { describe, expect, it } from 'vitest';
import type { Answer, SendOptions } from '../../src/bench/loadtest-client.js';
import { PostWriter } from '../../src/bench/loadtest-editor.js';
import { createRandom } from '../../src/bench/random.js';

const session = { email: 'e@example.com', cookie: 'byline.sid=abc', csrf: 'tok' };

/** A fake editor: answers as the real routes do, and records what was sent. */
function fakeEditor() {
  const opts = { refuse: false };
  const sent: { path: string; opts: SendOptions; form?: URLSearchParams }[] = [];
  let version = 0;
  const answer = (status: number, headers: Record<string, string> = {}, text = ''): Answer => ({
    status,
    headers,
    text,
    ms: 1,
  });
  const send = async (path: string, o: SendOptions): Promise<Answer> => {
    const form = o.body ? new URLSearchParams(o.body) : undefined;
    sent.push({ path, opts: o, form });
    if (o.method === 'POST') {
      if (opts.refuse) return answer(409);
      version += 1;
      return answer(303, { location: '/admin/posts/7/edit' });
    }
    return answer(200, {}, `<input type="hidden" name="version" value="${version}">`);
  };
  return { sent, send, opts };
}

describe('PostWriter', () => {
  it('when it saves the first time, then it creates a draft through the new-post form and reads the version from the editor', async () => {
    const fake = fakeEditor();
    const writer = new PostWriter(session, 'loadtest-x-1', createRandom(1), fake.send);
    expect(await writer.save()).toBe('created');
    expect(fake.sent.map((s) => [s.opts.method ?? 'GET', s.path])).toEqual([
      ['POST', '/admin/posts/new'],
      ['GET', '/admin/posts/7/edit'],
    ]);
    const form = fake.sent[0]!.form!;
    expect(form.get('_csrf')).toBe('tok');
    expect(form.get('status')).toBe('draft');
    expect(form.get('slug')).toBe('loadtest-x-1');
    expect(form.get('title')).toMatch(/\S/);
    expect(form.get('content')).toMatch(/\S/);
    expect(fake.sent[0]!.opts.headers).toMatchObject({ cookie: 'byline.sid=abc' });
  });

  it('when it saves again, then it edits its own post with the version it last saw, as a draft or published', async () => {
    const fake = fakeEditor();
    const writer = new PostWriter(session, 'loadtest-x-2', createRandom(2), fake.send);
    await writer.save();
    const outcomes = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const before = fake.sent.length;
      outcomes.add(await writer.save());
      const post = fake.sent[before]!;
      expect(post.path).toBe('/admin/posts/7/edit');
      expect(post.form!.get('version')).toBe(String(i + 1));
      expect(['draft', 'published']).toContain(post.form!.get('status'));
    }
    expect(outcomes).toEqual(new Set(['saved', 'published']));
  });

  it('when a save is refused, then it says so and reloads its post in the editor for the current version', async () => {
    const fake = fakeEditor();
    const writer = new PostWriter(session, 'loadtest-x-3', createRandom(3), fake.send);
    await writer.save();
    fake.opts.refuse = true;
    const before = fake.sent.length;
    expect(await writer.save()).toBe('refused');
    expect(fake.sent.slice(before).map((s) => [s.opts.method ?? 'GET', s.path])).toEqual([
      ['POST', '/admin/posts/7/edit'],
      ['GET', '/admin/posts/7/edit'],
    ]);
  });
});
