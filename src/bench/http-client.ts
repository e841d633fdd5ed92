import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent: still compressed when the server compressed them. */
  body: Buffer;
}

/** One request with Node's http module, which (unlike fetch) leaves the body compressed. */
export function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${url} did not answer within 30 s`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The `_csrf` field of a form. */
export function csrfField(html: string): string | null {
  return /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1] ?? null;
}

/** `name=value` of the cookies a response sets, for a Cookie header. */
export function cookiesOf(headers: http.IncomingHttpHeaders): string[] {
  return (headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).filter(Boolean);
}

/** Signs in through the real form, as a browser does; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const form = await request(new URL('/admin/login', baseUrl).href);
  const token = csrfField(form.body.toString('utf8'));
  const first = cookiesOf(form.headers);
  if (form.status !== 200 || !token || first.length === 0) {
    throw new Error(`GET /admin/login answered ${form.status} without a form token and a session cookie`);
  }
  const body = new URLSearchParams({ _csrf: token, email, password, next: '/admin/posts' }).toString();
  const posted = await request(new URL('/admin/login', baseUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: first.join('; ') },
    body,
  });
  const session = cookiesOf(posted.headers);
  if (posted.status !== 303 || session.length === 0) {
    throw new Error(`POST /admin/login answered ${posted.status}; expected 303 with a new session cookie`);
  }
  return session.join('; ');
}
