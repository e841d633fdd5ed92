/** A browser for the attacks: keeps its cookies, sends forms, JSON and files as a browser would. */
import { csrfOf } from '../helpers/admin.js';
import { formFields } from '../helpers/editor-form.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export class Client {
  private readonly cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  cookieCount(): number {
    return this.cookies.size;
  }

  async send(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<Answer> {
    const all: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.origin + path, { method, headers: all, body, redirect: 'manual' });
    for (const header of res.headers.getSetCookie()) {
      const pair = header.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return { status: res.status, headers: res.headers, text: await res.text().catch(() => '') };
  }

  get(path: string) {
    return this.send('GET', path);
  }

  postForm(path: string, fields: Record<string, string>) {
    return this.send('POST', path, new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  }

  /** The fields of the form posting to `action` on `page`, as a browser would send them. */
  async formOf(page: string, action: string): Promise<Record<string, string>> {
    const answer = await this.get(page);
    if (answer.status !== 200) throw new Error(`GET ${page} answered ${answer.status}`);
    return formFields(answer.text, action);
  }

  async token(page: string): Promise<string> {
    return csrfOf((await this.get(page)).text);
  }

  async signIn(email: string, password: string): Promise<void> {
    const fields = await this.formOf('/admin/login', '/admin/login');
    const res = await this.postForm('/admin/login', { ...fields, email, password });
    if (res.status !== 303) throw new Error(`signing in as ${email} answered ${res.status}`);
  }
}
