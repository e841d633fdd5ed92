/**
 * The load test's writers: editors signed in through the real form, each connection saving and
 * publishing a post of its own through the editor's form, as a browser would.
 */
import { slugify } from '../content/slug.js';
import type { Answer, SendOptions } from './loadtest-client.js';
import { markdownBody, phrase } from './markdown-body.js';
import { csrfField, request, signIn } from './http-client.js';
import type { Random } from './random.js';
import { TAGS } from './words.js';

export interface EditorSession {
  email: string;
  /** The Cookie header of the signed-in session. */
  cookie: string;
  /** The session's form token. */
  csrf: string;
}

/**
 * Signs in and opens the editor once, which makes the session's form token. Done before the
 * load starts: connections sharing a session must all see the same token.
 */
export async function openEditorSession(
  base: string,
  email: string,
  password: string,
): Promise<EditorSession> {
  const cookie = await signIn(base, email, password);
  const page = await request(new URL('/admin/posts/new', base).href, { headers: { cookie } });
  const token = csrfField(page.body.toString('utf8'));
  if (page.status !== 200 || !token) {
    throw new Error(`GET /admin/posts/new as ${email} answered ${page.status} without a form token`);
  }
  return { email, cookie, csrf: token };
}

export type SaveOutcome = 'created' | 'saved' | 'published' | 'refused';

export type Send = (path: string, opts: SendOptions) => Promise<Answer>;

const EDIT_URL = /^\/admin\/posts\/(\d+)\/edit$/;
const VERSION = /name="version" value="(\d*)"/;

/**
 * One connection's post. Each connection writes only its own post, so two writers never race
 * on a version: a 409 here would be the generator's mistake, not the server's.
 */
export class PostWriter {
  private id: number | null = null;
  private version = '';
  private saves = 0;

  constructor(
    private readonly session: EditorSession,
    private readonly slug: string,
    private readonly r: Random,
    private readonly send: Send,
  ) {}

  private form(status: 'draft' | 'published'): string {
    const tags = [
      ...new Set(Array.from({ length: this.r.int(1, 3) }, () => TAGS[this.r.zipf(TAGS.length)]!)),
    ];
    const title = `${phrase(this.r, 3, 8, tags)} (${this.slug}, save ${++this.saves})`;
    return new URLSearchParams({
      _csrf: this.session.csrf,
      version: this.version,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      slug: slugify(this.slug),
      summary: '',
      description: phrase(this.r, 8, 16, tags),
      content: markdownBody(this.r, tags, { more: this.r.chance(0.3) }).markdown,
      tags: tags.join(', '),
      status,
      publishAt: '',
      coverImage: '',
    }).toString();
  }

  /** Opens the editor page as the browser does after a save, and keeps the version it shows. */
  private async reload(path: string): Promise<boolean> {
    const page = await this.send(path, { headers: { cookie: this.session.cookie }, wantText: true });
    if (page.status !== 200) return false;
    this.version = VERSION.exec(page.text)?.[1] ?? '';
    return true;
  }

  /** Creates the post the first time, then saves it as a draft or publishes it, half and half. */
  async save(): Promise<SaveOutcome> {
    const creating = this.id === null;
    const status = creating || this.r.chance(0.5) ? 'draft' : 'published';
    const path = creating ? '/admin/posts/new' : `/admin/posts/${this.id}/edit`;
    const posted = await this.send(path, {
      method: 'POST',
      headers: { cookie: this.session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: this.form(status),
    });
    const location = String(posted.headers.location ?? '');
    const id = EDIT_URL.exec(location)?.[1];
    if (posted.status !== 303 || !id) {
      if (this.id !== null) await this.reload(`/admin/posts/${this.id}/edit`);
      return 'refused';
    }
    this.id = Number(id);
    if (!(await this.reload(location))) return 'refused';
    return creating ? 'created' : status === 'published' ? 'published' : 'saved';
  }
}
