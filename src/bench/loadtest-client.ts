/**
 * The load test's HTTP client: Node's http module over keep-alive sockets, one request at a time
 * per connection. Bodies are drained without being decoded unless the caller needs the text.
 */
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text, only when asked for. */
  text: string;
  ms: number;
}

export class TimeoutError extends Error {}

export interface SendOptions {
  method?: 'GET' | 'POST';
  headers?: http.OutgoingHttpHeaders;
  body?: string;
  /** Read the body as text (the caller parses it); otherwise it is drained unread. */
  wantText?: boolean;
}

export class LoadClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(
    base: string,
    sockets: number,
    private readonly timeoutMs = 10_000,
  ) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
    this.agent = new http.Agent({
      keepAlive: true,
      maxSockets: sockets,
      maxFreeSockets: sockets,
      scheduling: 'lifo',
    });
  }

  send(path: string, opts: SendOptions = {}): Promise<Answer> {
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          path,
          method: opts.method ?? 'GET',
          headers: opts.headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          if (opts.wantText) res.on('data', (c: Buffer) => chunks.push(c));
          else res.resume();
          res.once('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: opts.wantText ? Buffer.concat(chunks).toString('utf8') : '',
              ms: performance.now() - t0,
            }),
          );
          res.once('error', reject);
        },
      );
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(new TimeoutError(`no answer within ${this.timeoutMs / 1000} s`)),
      );
      req.once('error', reject);
      req.end(opts.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
