/**
 * The traffic: `connections` loops, each sending one request at a time over a kept-alive socket
 * until the time is up. Every answer's time and status is recorded; the server's memory is
 * sampled twice a second.
 */
import { LoadClient, TimeoutError, type Answer, type SendOptions } from './loadtest-client.js';
import { PostWriter, type EditorSession } from './loadtest-editor.js';
import { pickAction, type ReadableSite } from './loadtest-mix.js';
import { countStatus, LatencyRecorder, type RssSample, type StatusCounts } from './loadtest-stats.js';
import { cpuSeconds, currentRssMb } from './loadtest-server.js';
import { createRandom } from './random.js';

export interface TrafficOptions {
  base: string;
  connections: number;
  seconds: number;
  writeShare: number;
  site: ReadableSite;
  sessions: EditorSession[];
  /** Distinguishes this run's posts from any made before on the same database. */
  runTag: string;
  serverPid: number | undefined;
  seed?: number;
  /** Called about once a second with the time since the start and the requests answered so far. */
  onTick?: (t: number, requests: number, rssMb: number | null) => void;
}

export interface TrafficResult {
  seconds: number;
  latency: { all: LatencyRecorder; public: LatencyRecorder; admin: LatencyRecorder };
  /** Public latencies by kind of page. */
  byPage: Map<string, LatencyRecorder>;
  statuses: StatusCounts;
  errors: { total: number; timeouts: number; byMessage: Record<string, number> };
  actions: { reads: number; saves: number; publishes: number; created: number; refusedSaves: number };
  rss: RssSample[];
  /** Answers per second of the run, for the JSON record. */
  perSecond: number[];
  /** Share of one core each side used during the run: is the generator the bottleneck? */
  cpu: { generator: number; server: number | null };
}

/** Browsers ask for compressed pages; the bodies are drained, not decoded. */
const READ_HEADERS = { 'accept-encoding': 'gzip, br', accept: 'text/html,*/*' };

const errorName = (err: unknown) =>
  err instanceof TimeoutError
    ? 'timeout'
    : ((err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err)));

export async function runTraffic(opts: TrafficOptions): Promise<TrafficResult> {
  const client = new LoadClient(opts.base, opts.connections);
  const result: TrafficResult = {
    seconds: 0,
    latency: { all: new LatencyRecorder(), public: new LatencyRecorder(), admin: new LatencyRecorder() },
    byPage: new Map(),
    statuses: {},
    errors: { total: 0, timeouts: 0, byMessage: {} },
    actions: { reads: 0, saves: 0, publishes: 0, created: 0, refusedSaves: 0 },
    rss: [],
    perSecond: [],
    cpu: { generator: 0, server: null },
  };
  const generatorCpuAtStart = process.cpuUsage();
  const serverCpuAtStart = cpuSeconds(opts.serverPid);
  const start = performance.now();
  const deadline = start + opts.seconds * 1000;
  const elapsed = () => (performance.now() - start) / 1000;

  const record = (group: 'public' | 'admin', answer: Answer) => {
    result.latency.all.add(answer.ms);
    result.latency[group].add(answer.ms);
    countStatus(result.statuses, answer.status);
    const second = Math.floor(elapsed());
    result.perSecond[second] = (result.perSecond[second] ?? 0) + 1;
  };
  const adminSend = async (path: string, sendOpts: SendOptions) => {
    const answer = await client.send(path, sendOpts);
    record('admin', answer);
    return answer;
  };

  const sample = () => {
    const mb = currentRssMb(opts.serverPid);
    if (mb !== null) result.rss.push({ t: elapsed(), mb });
    return mb;
  };
  sample();
  let lastTick = 0;
  const sampler = setInterval(() => {
    const mb = sample();
    const t = elapsed();
    if (Math.floor(t) > lastTick) {
      lastTick = Math.floor(t);
      opts.onTick?.(t, result.latency.all.count, mb);
    }
  }, 500);

  async function connection(i: number): Promise<void> {
    const r = createRandom((opts.seed ?? 5) * 1000 + i);
    const session = opts.sessions[i % opts.sessions.length];
    const writer = session ? new PostWriter(session, `loadtest-${opts.runTag}-${i}`, r, adminSend) : null;
    while (performance.now() < deadline) {
      const action = pickAction(r, opts.site, writer ? opts.writeShare : 0);
      try {
        if (action.kind === 'read') {
          const answer = await client.send(action.url, { headers: READ_HEADERS });
          record('public', answer);
          let page = result.byPage.get(action.page);
          if (!page) result.byPage.set(action.page, (page = new LatencyRecorder()));
          page.add(answer.ms);
          result.actions.reads += 1;
        } else {
          const outcome = await writer!.save();
          result.actions.saves += 1;
          if (outcome === 'published') result.actions.publishes += 1;
          if (outcome === 'created') result.actions.created += 1;
          if (outcome === 'refused') result.actions.refusedSaves += 1;
        }
      } catch (err) {
        const name = errorName(err);
        result.errors.total += 1;
        if (name === 'timeout') result.errors.timeouts += 1;
        result.errors.byMessage[name] = (result.errors.byMessage[name] ?? 0) + 1;
        // A server that is down refuses at once: do not spin.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: opts.connections }, (_, i) => connection(i)));
  } finally {
    clearInterval(sampler);
    result.seconds = elapsed();
    sample();
    const used = process.cpuUsage(generatorCpuAtStart);
    result.cpu.generator = (used.user + used.system) / 1e6 / result.seconds;
    const serverCpu = cpuSeconds(opts.serverPid);
    if (serverCpu !== null && serverCpuAtStart !== null)
      result.cpu.server = (serverCpu - serverCpuAtStart) / result.seconds;
    client.close();
  }
  return result;
}
