import autocannon from 'autocannon';
import { PAYER } from './volume';

export interface RouteResult {
  name: string;
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
}

interface RouteOptions {
  connections: number;
  duration: number;
  reader?: string;
  detailId?: string;
  writer?: string;
  pool?: string[];
}

async function measure(
  name: string,
  label: string,
  options: Parameters<typeof autocannon>[0],
): Promise<RouteResult> {
  // A short warm-up (JIT, pools), then the measured run.
  await autocannon({ ...options, duration: 2 });
  const r = await autocannon(options);
  return {
    name,
    label,
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

/** The reads (with `reader`) or create + confirm (with `writer` and a pool of paid orders). */
export async function measureRoutes(baseUrl: string, o: RouteOptions): Promise<RouteResult[]> {
  const common = { url: baseUrl, connections: o.connections, duration: o.duration };
  const results: RouteResult[] = [];
  if (o.reader) {
    const auth = { Authorization: `Bearer ${o.reader}` };
    results.push(
      await measure('bare', 'GET /health/live (framework ceiling)', {
        ...common,
        requests: [{ method: 'GET', path: '/health/live' }],
      }),
    );
    results.push(
      await measure('billing-records', 'GET /api/v1/billing-records (page of 20)', {
        ...common,
        requests: [
          { method: 'GET', path: '/api/v1/billing-records?page=1&pageSize=20', headers: auth },
        ],
      }),
    );
    results.push(
      await measure('application-detail', 'GET /api/v1/fapiao/applications/{id}', {
        ...common,
        requests: [
          { method: 'GET', path: `/api/v1/fapiao/applications/${o.detailId}`, headers: auth },
        ],
      }),
    );
  }
  if (o.writer && o.pool) {
    const pool = o.pool;
    let next = 0;
    const headers = { Authorization: `Bearer ${o.writer}`, 'Content-Type': 'application/json' };
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
    const result = await measure('create-confirm', 'POST create + POST confirm (each a write)', {
      ...common,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/fapiao/applications',
          headers,
          setupRequest: (req) => {
            if (next >= pool.length) throw new Error('The pool of paid orders ran out');
            return { ...req, body: body(pool[next++]) };
          },
          onResponse: (status, text, context) => {
            const created = status === 201 || status === 200 ? JSON.parse(text) : {};
            context.id = created.id;
            context.version = created.version;
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
      ],
    });
    results.push(result);
  }
  return results;
}
