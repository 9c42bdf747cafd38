import { EventEmitter } from 'node:events';
import {
  type AddOptions,
  JOB_ATTEMPTS,
  type JobData,
  type JobName,
  type JobQueue,
  RETRY_DELAY_MS,
  type WorkOptions,
} from './queue.ts';

interface Pending {
  name: JobName;
  data: JobData;
  attempt: number;
}

/**
 * The in-process driver: jobs run in this process with bounded concurrency, failures are retried
 * with exponential backoff, and after the last attempt `onDead` records the dead letter. Delayed
 * jobs (SLA timers) are unref'd timers that never keep the process alive.
 */
export class InProcessQueue implements JobQueue {
  readonly driver = 'in-process' as const;
  private readonly waiting: Pending[] = [];
  private readonly handlers = new Map<
    JobName,
    { handler: (d: JobData) => Promise<void>; options: WorkOptions }
  >();
  private active = 0;
  private retrying = 0;
  private closed = false;
  private readonly events = new EventEmitter();

  async add(name: JobName, data: JobData, options: AddOptions = {}): Promise<void> {
    if (options.delayMs && options.delayMs > 0) {
      setTimeout(() => this.enqueue({ name, data, attempt: 1 }), options.delayMs).unref();
      return;
    }
    this.enqueue({ name, data, attempt: 1 });
  }

  async addMany(name: JobName, items: readonly JobData[]): Promise<void> {
    for (const data of items) this.enqueue({ name, data, attempt: 1 });
  }

  work(name: JobName, handler: (data: JobData) => Promise<void>, options: WorkOptions): void {
    this.handlers.set(name, { handler, options });
    this.pump();
  }

  private enqueue(job: Pending): void {
    if (this.closed) return;
    this.waiting.push(job);
    this.pump();
  }

  private concurrencyFor(name: JobName): number {
    return this.handlers.get(name)?.options.concurrency ?? 1;
  }

  private pump(): void {
    while (this.waiting.length > 0) {
      const index = this.waiting.findIndex(
        (j) => this.handlers.has(j.name) && this.active < this.concurrencyFor(j.name),
      );
      if (index < 0) break;
      const [job] = this.waiting.splice(index, 1);
      if (job) void this.run(job);
    }
    if (this.isIdle()) this.events.emit('idle');
  }

  private async run(job: Pending): Promise<void> {
    const entry = this.handlers.get(job.name);
    if (!entry) return;
    this.active++;
    try {
      await entry.handler(job.data);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      if (job.attempt < JOB_ATTEMPTS && !this.closed) {
        this.retrying++;
        const delay = RETRY_DELAY_MS * 2 ** (job.attempt - 1);
        setTimeout(() => {
          this.retrying--;
          this.enqueue({ ...job, attempt: job.attempt + 1 });
        }, delay);
      } else {
        await entry.options.onDead(job.data, e).catch(() => undefined);
      }
    } finally {
      this.active--;
      this.pump();
    }
  }

  private isIdle(): boolean {
    return this.active === 0 && this.retrying === 0 && !this.waiting.some((j) => this.handlers.has(j.name));
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!this.isIdle()) return;
        this.events.off('idle', check);
        resolve();
      };
      this.events.on('idle', check);
    });
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    return { ok: true, detail: 'in-process' };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
  }
}
