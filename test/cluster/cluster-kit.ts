import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
export const SEED_DEMO = join(ROOT, 'dist', 'src', 'demo', 'seed-demo.js');
export const LOG_DIR = join(ROOT, 'test-artifacts', 'cluster');

/** One `node dist/src/main.js` process of the cluster, its output kept in test-artifacts. */
export class AppInstance {
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Everything the process printed so far. */
  get log(): string {
    return this.output;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    mkdirSync(LOG_DIR, { recursive: true });
    const file = createWriteStream(join(LOG_DIR, `${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
        file.write(chunk);
      });
    }
    child.once('exit', () => file.end());
    const deadline = Date.now() + timeoutMs;
    while (!(await answers(`${this.baseUrl}/health`))) {
      if (child.exitCode !== null) {
        throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.output}`);
      }
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not become ready:\n${this.output}`);
      await sleep(100);
    }
  }

  /** SIGTERM and wait: the app's own shutdown. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** SIGKILL: the process dies wherever it is, as on a crashed machine. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * A round-robin HTTP proxy in front of the instances, as a load balancer: each request goes to
 * the next instance; one that refuses the connection (it was killed) is skipped.
 */
export class RoundRobinProxy {
  private server?: Server;
  private next = 0;
  readonly served = new Map<string, number>();

  constructor(private readonly instances: AppInstance[]) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((incoming, outgoing) => {
      incoming.on('error', () => undefined);
      outgoing.on('error', () => undefined);
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const forward = (attemptsLeft: number): void => {
          const instance = this.instances[this.next++ % this.instances.length];
          const upstream = httpRequest(
            {
              host: '127.0.0.1',
              port: instance.port,
              method: incoming.method,
              path: incoming.url,
              headers: { ...incoming.headers, 'x-forwarded-for': '127.0.0.1' },
            },
            (answer) => {
              this.served.set(instance.name, (this.served.get(instance.name) ?? 0) + 1);
              // An instance killed mid-answer resets the connection: the client sees it cut.
              answer.on('error', () => outgoing.destroy());
              outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(outgoing);
            },
          );
          upstream.on('error', (error: NodeJS.ErrnoException) => {
            // Refused: nothing reached the instance, so another may take it.
            if (error.code === 'ECONNREFUSED' && attemptsLeft > 1) return forward(attemptsLeft - 1);
            if (!outgoing.headersSent) outgoing.writeHead(502);
            outgoing.end();
          });
          upstream.end(body);
        };
        forward(this.instances.length);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Waits for a condition, checking every `everyMs`; returns how long it took. */
export async function waitUntil(
  what: string,
  condition: () => Promise<boolean>,
  { timeoutMs = 60_000, everyMs = 100 } = {},
): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await sleep(everyMs);
  }
  return Date.now() - started;
}

/** Free TCP ports for the instances. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    }),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Runs a compiled script to completion (the demo seed), failing with its output. */
export function runScript(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${script} exited ${code}:\n${output}`)),
    );
  });
}
