/** A minimal browser for the crash test: keeps the session cookie, submits the admin's real forms. */
import { formFields } from '../helpers/editor-form.js';

export interface Answer {
  status: number;
  location: string | null;
  text: string;
}

export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  private keepCookies(res: Response) {
    for (const header of res.headers.getSetCookie()) {
      const pair = header.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  /** The Cookie header this browser sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /**
   * One request; resolves as soon as the status line and headers are in (that is the moment a
   * save counts as acknowledged), then reads the body. Rejects when the connection fails.
   */
  async request(method: 'GET' | 'POST', pathname: string, form?: Record<string, string>): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.origin + pathname, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    this.keepCookies(res);
    const answer = { status: res.status, location: res.headers.get('location'), text: '' };
    // The body of a redirect is a formality; a kill while it is read does not undo the answer.
    answer.text = await res.text().catch(() => '');
    return answer;
  }

  /** GETs `pageUrl` and returns the fields of its form posting to `action`, as a browser would send them. */
  async formOf(pageUrl: string, action: string): Promise<Record<string, string>> {
    const page = await this.request('GET', pageUrl);
    if (page.status !== 200) throw new Error(`GET ${pageUrl} answered ${page.status}`);
    return formFields(page.text, action);
  }

  /** Signs in through /admin/login; throws unless the answer is the 303 of a successful sign-in. */
  async signIn(email: string, password: string): Promise<void> {
    const fields = await this.formOf('/admin/login', '/admin/login');
    const res = await this.request('POST', '/admin/login', { ...fields, email, password });
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  }
}
