// The "database" and the harness's control channel live in the harness
// process (a stub server on loopback). node:http, not fetch: a database
// driver is not a fetch, and Next.js must not cache or dedupe these calls.
import http from 'node:http';

const base = process.env.FRESH_STUB;

export function stub(method, path, params = {}) {
  const query = new URLSearchParams(params).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}?${query}`, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`stub ${path}: ${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    req.end();
  });
}
