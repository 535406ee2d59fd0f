import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuPinning } from './cpu-pinning';

export interface RunningApp {
  process: ChildProcess;
  baseUrl: string;
  /** Milliseconds from spawn to the first `/health` 200. */
  bootMs: number;
  stop(): Promise<void>;
}

const MAIN = join(__dirname, '..', 'src', 'main.js');

/** Apps still running, stopped if the bench fails half-way. */
const running = new Set<ChildProcess>();
export function killRunningApps(): void {
  for (const child of running) child.kill('SIGKILL');
}
// However the bench ends (an uncaught error in a load generator's callback included), no app is
// left holding the port and the database.
process.on('exit', killRunningApps);

/** Starts `node dist/src/main.js` and waits for the first 200 from `/health`. */
export async function startApp(
  env: Record<string, string>,
  port: number,
  pinning: CpuPinning,
): Promise<RunningApp> {
  const baseUrl = `http://127.0.0.1:${port}`;
  if (await answers(`${baseUrl}/health`)) {
    throw new Error(`Something already answers on port ${port}; stop it or set BENCH_PORT`);
  }
  const started = process.hrtime.bigint();
  // taskset execs the command, so the child's pid is the app's (its /proc entries are read).
  const [command, args] = pinning.wrap(process.execPath, [MAIN]);
  const child = spawn(command, args, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-0123456789',
      SESSION_SECRET: 'bench-session-secret-bench-session-secret-01',
      PAYMENT_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
      STAFF_TOTP_KEY: 'bench-staff-totp-key-bench-staff-totp-key-01',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: 'smtp://127.0.0.1:1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The app exited with ${child.exitCode} during start-up:\n${stderr}`);
    }
    if (await answers(`${baseUrl}/health`)) break;
    await sleep(20);
  }
  const bootMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    process: child,
    baseUrl,
    bootMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false; // nothing listening (yet)
  }
}

export const BENCH_WEBHOOK_SECRET = 'bench-payment-webhook-secret-0123456789';

/** Resident memory of a process in MB (VmRSS of /proc/<pid>/status). */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
