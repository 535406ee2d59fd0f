import autocannon from 'autocannon';
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { PAYER } from './volume';

export interface RunResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  /** CPU time (user + system) the app's process spent per request during the run. */
  appCpuMsPerRequest: number;
  /** The same for PostgreSQL's processes on this machine (every backend, WAL writer…). */
  databaseCpuMsPerRequest: number;
  /** The same for the load generator (this process), which shares the machine's cores. */
  loadCpuMsPerRequest: number;
  /**
   * How often per request the app's process was switched out while it could have run: mostly a
   * PostgreSQL backend, woken by the app's query, taking the app's core (see the README).
   */
  appPreemptionsPerRequest: number;
  /**
   * The machine's busy CPU time per request that none of the three above spent: other services,
   * the kernel's own threads, a neighbour's steal. It shows a noisy machine in the figures.
   */
  otherCpuMsPerRequest: number;
  /** The share of the machine's cores left idle during the run (all cores = 100%). */
  idleCoresPercent: number;
}

export interface RouteResult extends RunResult {
  name: string;
  label: string;
  /** The bare route, measured in rounds alternating with this one (the median round). */
  bare: RunResult;
  rounds: { bare: RunResult; route: RunResult }[];
  /** The median over the rounds of requests/s against the bare route's, in percent. */
  ratioToBarePercent: number;
}

export interface RouteOptions {
  /** The app under test: its base URL, and its process for CPU accounting. */
  app: { baseUrl: string; pid: number };
  connections: number;
  duration: number;
  /** Seconds of unmeasured load on the bare route and on the route before the rounds. */
  warmUp: number;
  reader?: string;
  /** The reader's portal session cookie (`name=value`), for the signed-in HTML page. */
  readerPortalCookie?: string;
  detailId?: string;
  writer?: string;
  pool?: string[];
  /** A customer's token and the path of one of its fapiao files (GET …/files/pdf). */
  download?: { token: string; path: string; label: string };
}

type LoadOptions = Parameters<typeof autocannon>[0];

const CLOCK_TICKS_PER_SECOND = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** utime + stime of a process, in milliseconds (fields 14 and 15 of /proc/<pid>/stat). */
function cpuMs(pid: number | string): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Times the process was switched out while runnable (`nonvoluntary_ctxt_switches`). */
function preemptions(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^nonvoluntary_ctxt_switches:\s+(\d+)$/m.exec(status)?.[1] ?? NaN);
}

/**
 * CPU of PostgreSQL's processes on this machine, by pid (a database elsewhere reads as none).
 * By pid, so that a backend which ends during a run takes none of its earlier time with it.
 */
function databaseCpuMs(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres')
        byPid.set(pid, cpuMs(pid));
    } catch {
      // gone between the listing and the read
    }
  }
  return byPid;
}

function databaseCpuSince(before: Map<string, number>): number {
  let total = 0;
  for (const [pid, ms] of databaseCpuMs()) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** Busy and idle CPU time of the whole machine, in milliseconds (the `cpu` line of /proc/stat). */
function machineCpuMs(): { busy: number; idle: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .split(/\s+/)
    .slice(1, 9)
    .map((ticks) => (Number(ticks) * 1000) / CLOCK_TICKS_PER_SECOND);
  return { busy: user + nice + system + irq + softirq + steal, idle: idle + iowait };
}

function perRequest(cpu: number, requests: number): number {
  return Math.round((cpu / Math.max(requests, 1)) * 1000) / 1000;
}

async function run(pid: number, options: LoadOptions): Promise<RunResult> {
  const cpuBefore = cpuMs(pid);
  const preemptionsBefore = preemptions(pid);
  const databaseBefore = databaseCpuMs();
  const loadBefore = process.cpuUsage();
  const machineBefore = machineCpuMs();
  const r = await autocannon(options);
  const machineAfter = machineCpuMs();
  const load = process.cpuUsage(loadBefore);
  const cpu = cpuMs(pid) - cpuBefore;
  const preempted = preemptions(pid) - preemptionsBefore;
  const databaseCpu = databaseCpuSince(databaseBefore);
  const busy = machineAfter.busy - machineBefore.busy;
  const idle = machineAfter.idle - machineBefore.idle;
  const loadCpu = (load.user + load.system) / 1000;
  return {
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    appCpuMsPerRequest: perRequest(cpu, r.requests.total),
    databaseCpuMsPerRequest: perRequest(databaseCpu, r.requests.total),
    loadCpuMsPerRequest: perRequest(loadCpu, r.requests.total),
    appPreemptionsPerRequest: perRequest(preempted, r.requests.total),
    // Clock ticks round each process's figure, so a quiet machine can read a little below zero.
    otherCpuMsPerRequest: perRequest(
      Math.max(0, busy - cpu - databaseCpu - loadCpu),
      r.requests.total,
    ),
    idleCoresPercent: Math.round((idle / Math.max(busy + idle, 1)) * 1000) / 10,
  };
}

/** The median round by requests/s; counts (non-2xx, errors, total) are summed over all rounds. */
function medianRun(runs: RunResult[]): RunResult {
  const sorted = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const sum = (pick: (r: RunResult) => number) => runs.reduce((total, r) => total + pick(r), 0);
  return {
    ...median,
    total: sum((r) => r.total),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
  };
}

/** Rounds of bare route then measured route; the ratio is the median of the rounds' ratios. */
const ROUNDS = 3;

/**
 * The route against the bare route in alternating rounds (after a warm-up of each): each ratio
 * compares two runs seconds apart, so a machine whose speed drifts (a shared VM's neighbours)
 * skews it far less than a single bare run for the whole bench would.
 */
async function measureAgainstBare(
  o: RouteOptions,
  name: string,
  label: string,
  requests: NonNullable<LoadOptions['requests']>,
): Promise<RouteResult> {
  const common = { url: o.app.baseUrl, connections: o.connections };
  const bareLoad = { ...common, requests: [{ method: 'GET', path: '/health/live' }] };
  const routeLoad = { ...common, requests };
  // Warm-up (JIT, pools), not counted.
  await autocannon({ ...bareLoad, duration: o.warmUp });
  await autocannon({ ...routeLoad, duration: o.warmUp });
  const roundSeconds = Math.max(1, Math.round(o.duration / ROUNDS));
  const bareRuns: RunResult[] = [];
  const routeRuns: RunResult[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bare = await run(o.app.pid, { ...bareLoad, duration: roundSeconds });
    const route = await run(o.app.pid, { ...routeLoad, duration: roundSeconds });
    bareRuns.push(bare);
    routeRuns.push(route);
    ratios.push((route.requestsPerSecond / bare.requestsPerSecond) * 100);
  }
  ratios.sort((a, b) => a - b);
  return {
    name,
    label,
    ...medianRun(routeRuns),
    bare: medianRun(bareRuns),
    rounds: routeRuns.map((route, i) => ({ bare: bareRuns[i], route })),
    // One decimal: a target of 50% is not met by 49.6% rounded up.
    ratioToBarePercent: Math.round(ratios[Math.floor((ROUNDS - 1) / 2)] * 10) / 10,
  };
}

/**
 * The reads (with `reader`), a fapiao file's download (with `download`) or create + confirm
 * (with `writer` and a pool of paid orders).
 */
export async function measureRoutes(o: RouteOptions): Promise<RouteResult[]> {
  const results: RouteResult[] = [];
  if (o.reader) {
    const auth = { Authorization: `Bearer ${o.reader}` };
    results.push(
      await measureAgainstBare(
        o,
        'billing-records',
        'GET /api/v1/billing-records (page of 20; bearer token through passport-jwt)',
        [{ method: 'GET', path: '/api/v1/billing-records?page=1&pageSize=20', headers: auth }],
      ),
    );
    if (o.readerPortalCookie) {
      const browser = { Cookie: o.readerPortalCookie, Accept: 'text/html' };
      results.push(
        await measureAgainstBare(
          o,
          'portal-billing-records',
          'GET /billing-records (portal page, HTML, signed-in session)',
          [{ method: 'GET', path: '/billing-records', headers: browser }],
        ),
      );
    }
    results.push(
      await measureAgainstBare(o, 'application-detail', 'GET /api/v1/fapiao/applications/{id}', [
        { method: 'GET', path: `/api/v1/fapiao/applications/${o.detailId}`, headers: auth },
      ]),
    );
  }
  if (o.download) {
    results.push(
      await measureAgainstBare(o, 'document-download', o.download.label, [
        {
          method: 'GET',
          path: o.download.path,
          headers: { Authorization: `Bearer ${o.download.token}` },
        },
      ]),
    );
  }
  if (o.writer && o.pool) {
    results.push(
      await measureAgainstBare(
        o,
        'create-confirm',
        'POST create + POST confirm (each a write)',
        createAndConfirm(o.writer, o.pool),
      ),
    );
  }
  return results;
}

/** The application's own id is the answer's first key; only the application has a version. */
const CREATED_ID = /^\{"id":"([^"]+)"/;
const CREATED_VERSION = /"version":(\d+)/;

/** Each pair of requests drafts an application for the next bill of the pool and confirms it. */
export function createAndConfirm(
  token: string,
  pool: string[],
): NonNullable<LoadOptions['requests']> {
  let next = 0;
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const body = (orderNumber: string) =>
    JSON.stringify({
      orderNumber,
      type: 'normal',
      title: { buyerName: PAYER },
      shipping: {
        method: 'sf_freight_collect',
        recipient: '张三',
        phone: '13812345678',
        province: '上海市',
        city: '上海市',
        district: '浦东新区',
        address: '科苑路88号德国中心3号楼657室',
        postalCode: '201203',
      },
    });
  return [
    {
      method: 'POST',
      path: '/api/v1/fapiao/applications',
      headers,
      setupRequest: (req) => {
        if (next >= pool.length) throw new Error('The pool of paid orders ran out');
        return { ...req, body: body(pool[next++]) };
      },
      // The load generator shares the app's two cores: picking two fields out of the ~4 KB answer
      // costs it a fraction of JSON.parse. A miss sends a confirm that fails, counted as non-2xx.
      onResponse: (status, text, context) => {
        context.id = status === 201 ? CREATED_ID.exec(text)?.[1] : undefined;
        context.version = status === 201 ? Number(CREATED_VERSION.exec(text)?.[1]) : undefined;
      },
    },
    {
      method: 'POST',
      headers,
      setupRequest: (req, context) => ({
        ...req,
        path: `/api/v1/fapiao/applications/${String(context.id)}/confirm`,
        body: JSON.stringify({ version: context.version }),
      }),
    },
  ];
}
