import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/** Where the bench runs the app and itself (the load generator). */
export interface CpuPinning {
  /** One line for the report. */
  readonly description: string;
  /** The command and arguments that start `command args` under this pinning. */
  wrap(command: string, args: string[]): [string, string[]];
}

const NONE: CpuPinning = {
  description: 'none (the kernel places the app, the load generator and PostgreSQL)',
  wrap: (command, args) => [command, args],
};

/**
 * `BENCH_PIN_CPUS=1`: the app on CPU 0 and this process, the load generator, on CPU 1, so that
 * neither takes the other's core; PostgreSQL is left where the machine puts it. Node runs a
 * request on one thread, and a backend woken by that thread's query often takes its core (see
 * the README); a core of its own is what a deployment gives each Node process. Both the bare
 * route and the measured routes run under it, so the ratios stay like for like. Linux only
 * (`taskset`, from util-linux).
 */
export function cpuPinning(enabled: boolean): CpuPinning {
  if (!enabled) return NONE;
  if (cpus().length < 2) throw new Error('BENCH_PIN_CPUS=1 needs at least two CPUs');
  try {
    // -a: every thread of this process (libuv's and V8's too), not only the main one.
    execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  } catch (error) {
    throw new Error(`BENCH_PIN_CPUS=1 needs taskset (util-linux): ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    description: 'the app on CPU 0, the load generator on CPU 1, PostgreSQL unpinned',
    wrap: (command, args) => ['taskset', ['-c', '0', command, ...args]],
  };
}
