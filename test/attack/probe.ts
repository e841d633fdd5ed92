/** Asks /healthz every 50 ms while an attack runs and keeps the slowest answer: how long a reader waited. */
export class HealthProbe {
  private worst = 0;
  private failures = 0;
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly origin: string) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const started = performance.now();
        try {
          const res = await fetch(`${this.origin}/healthz`, { signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          if (res.status !== 200) this.failures++;
        } catch {
          this.failures++;
        }
        this.worst = Math.max(this.worst, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
  }

  /** The slowest answer and the failed ones since the last call. */
  take(): { worstMs: number; failures: number } {
    const figures = { worstMs: this.worst, failures: this.failures };
    this.worst = 0;
    this.failures = 0;
    return figures;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
