/**
 * The floor the console's proxy is measured against in `npm run bench`: the least a Node
 * forwarder can do for `GET /v3/...` (node:http in, an undici pool out, the key added, the body
 * passed back) with none of the console's checks. Bench-only; never part of the console.
 *
 *   PORT=5713 LINQ_API_V3_BASE_URL=http://127.0.0.1:4711/api/partner LINQ_API_V3_API_KEY=… tsx bench/bare-forwarder.ts
 */
import { createServer } from 'node:http';
import { Pool } from 'undici';

const base = new URL(process.env.LINQ_API_V3_BASE_URL ?? '');
const key = process.env.LINQ_API_V3_API_KEY ?? '';
const pool = new Pool(base.origin, { connections: 32 });

createServer((request, response) => {
  if (request.method !== 'GET' || !request.url?.startsWith('/v3/')) {
    response.writeHead(request.url === '/' ? 200 : 404).end();
    return;
  }
  pool
    .request({
      method: 'GET',
      path: `${base.pathname}${request.url}`,
      headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
    })
    .then(async (upstream) => {
      const body = Buffer.from(await upstream.body.arrayBuffer());
      response.writeHead(upstream.statusCode, {
        'content-type': String(upstream.headers['content-type']),
        'content-length': body.length,
      });
      response.end(body);
    })
    .catch(() => response.writeHead(502).end());
}).listen(Number(process.env.PORT), '127.0.0.1');
