/**
 * The timing process as run.ts sees it: started with the server's heap flags, given one job at a
 * time, stopped from outside when it falls silent, and started again after a crash or a stop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Point } from './verdict.js';
import type { Job, WorkerMessage } from './worker.js';

// The server's own flags (package.json "start"): an input that needs more heap fails here too.
const WORKER_FLAGS = ['--max-old-space-size=160', '--max-semi-space-size=4', '--liftoff-only', '--expose-gc'];
const STARTUP_MS = 120_000;

/** One worker process at a time; a new one after a crash or a stop. */
export class Worker {
  private child: ChildProcess | null = null;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  private async start(): Promise<ChildProcess> {
    const file = fileURLToPath(new URL('./worker.ts', import.meta.url));
    const child = fork(file, [], {
      execArgv: ['--import', import.meta.resolve('tsx'), ...WORKER_FLAGS],
      env: this.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the worker did not start')), STARTUP_MS);
      child.once('message', () => (clearTimeout(timer), resolve()));
      child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the worker exited (${code})`))));
    });
    return child;
  }

  /** Runs `job`; each size's point is passed to `onPoint`, the size being timed to `onProgress`. */
  async run(
    job: Job,
    timeoutMs: number,
    onPoint: (p: Point) => void,
    onProgress: (chars: number) => void,
  ): Promise<'done' | 'timeout' | 'crash'> {
    const child = (this.child ??= await this.start());
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout;
      const finish = (how: 'done' | 'timeout' | 'crash') => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (how !== 'done') {
          child.kill('SIGKILL');
          this.child = null;
        }
        resolve(how);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => finish('timeout'), timeoutMs);
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.kind === 'point') onPoint(message.point);
        if (message.kind === 'progress') onProgress(message.chars);
        if (message.kind === 'done') finish('done');
        else arm();
      };
      const onExit = () => finish('crash');
      child.on('message', onMessage);
      child.once('exit', onExit);
      arm();
      child.send(job);
    });
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }
}

