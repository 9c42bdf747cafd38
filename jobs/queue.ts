/** The jobs of the feedback loop. A job only triggers work: the database holds the truth. */
export type JobName = 'process_feedback' | 'feedback_sla_check';

export interface JobData {
  feedbackId: string;
}

export interface AddOptions {
  /** Run no earlier than this many milliseconds from now (SLA timers). */
  delayMs?: number;
}

export interface WorkOptions {
  concurrency: number;
  /** Called once a job has failed its last attempt: the dead-letter state. */
  onDead(data: JobData, error: Error): Promise<void>;
}

/** Attempts per job and the first retry's delay; later retries double it. */
export const JOB_ATTEMPTS = 3;
export const RETRY_DELAY_MS = 200;

/**
 * One queue interface, two drivers: BullMQ on Redis (`REDIS_URL`; workers may run in other
 * processes, `cse worker`) and in-process (the default: jobs run in this process). Handlers must be
 * idempotent: delivery is at least once.
 */
export interface JobQueue {
  readonly driver: 'bullmq' | 'in-process';
  add(name: JobName, data: JobData, options?: AddOptions): Promise<void>;
  addMany(name: JobName, items: readonly JobData[]): Promise<void>;
  work(name: JobName, handler: (data: JobData) => Promise<void>, options: WorkOptions): void;
  /** Resolves when no job is waiting, running or retrying in this process (delayed timers aside). */
  idle(): Promise<void>;
  /** Whether jobs can be added now (Redis reachable); never throws. */
  health(): Promise<{ ok: boolean; detail: string }>;
  close(): Promise<void>;
}
