// The HTTP API under load, on 127.0.0.1 only: a copy of a store (default tmp/demo/vindex.db, made
// by `vindex demo`) served by `vindex serve` in its own process, bench users created in the copy, then autocannon with
// CONNECTIONS connections for SECONDS each on
//   GET /api/indicators (analyst; cached after the first call)
//   GET /api/dashboard  (reader; cached; a rounded release is made in the copy when it has none)
//   PUT /api/coding/…/values (coders saving codes: each save is a validated, audited write)
// Prints p50/p99 latency, requests/s and errors per run; never asserts.
//   node --import tsx bench/api.ts [STORE] [SECONDS] [CONNECTIONS]
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createRelease } from '../src/release/index.ts';
import { allRoutes } from '../src/server/routes/index.ts';
import { openStore } from '../src/store/index.ts';
import { createUser } from '../src/users/index.ts';

const source = resolve(process.argv[2] ?? 'tmp/demo/vindex.db');
const seconds = Number(process.argv[3] ?? 10);
const connections = Number(process.argv[4] ?? 100);
const CODERS = 4;
const PASSWORD = `bench ${process.pid} ${Date.now()}`;

// The bench writes (users, sign-ins, codes): it works on a copy, never on the store given.
const dir = mkdtempSync(join(tmpdir(), 'vindex-bench-api-'));
const copy = join(dir, 'vindex.db');
copyFileSync(source, copy);
if (existsSync(`${source}.secret`)) copyFileSync(`${source}.secret`, `${copy}.secret`);
const store = await openStore(copy);
const users = { analyst: 'analyst', reader: 'reader', coord: 'coordinator', ...Object.fromEntries(Array.from({ length: CODERS }, (_, i) => [`coder${i + 1}`, 'coder'])) };
for (const [name, role] of Object.entries(users)) await createUser(store, { name: `bench-${name}`, role, password: PASSWORD, actor: 'bench' });

// The dashboard shows the latest released release: make one (rounding, fast) when the copy has none.
if (!(await store.db.selectFrom('release').select('id').where('status', '=', 'released').executeTakeFirst())) {
  const t0 = performance.now();
  const rel = await createRelease(store, { out: join(dir, 'releases', 'bench'), actor: 'bench', method: 'rounding', pdf: 'no' });
  console.log(`no released release in the store: made ${rel.id} (rounding, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

await store.close();

// The server runs in its own process (`vindex serve`), so autocannon's work is not counted as the server's.
const server = spawn(process.execPath, [fileURLToPath(new URL('../bin/vindex.js', import.meta.url)), 'serve', '--db', copy, '--port', '0', '--log-level', 'warn', '--releases', join(dir, 'releases'), '--web', join(dir, 'web')], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise<string>((ok, fail) => {
  let out = '';
  server.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) ok(m[1]!);
  });
  server.once('exit', (code) => fail(new Error(`vindex serve exited (${code}): ${out}`)));
});

interface Session {
  readonly headers: Record<string, string>;
}
async function signIn(name: string): Promise<Session> {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `bench-${name}`, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in of bench-${name}: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { headers: { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken, 'content-type': 'application/json' } };
}

function report(label: string, r: autocannon.Result): void {
  console.log(`${label.padEnd(34)} p50 ${String(r.latency.p50).padStart(5)} ms   p99 ${String(r.latency.p99).padStart(5)} ms   ${Math.round(r.requests.average).toString().padStart(6)} req/s   ${r.requests.total} requests   errors ${r.errors} (timeouts ${r.timeouts}), non-2xx ${r.non2xx}`);
}

const run = (opts: autocannon.Options): Promise<autocannon.Result> => autocannon({ duration: seconds, connections, ...opts });

let codingRan = false;
try {
  console.log(`store ${source} (copied), ${seconds} s per run, ${connections} connections, 127.0.0.1`);
  const analyst = await signIn('analyst');
  const reader = await signIn('reader');
  const warm = await fetch(`${base}/api/indicators`, { headers: analyst.headers });
  if (warm.status !== 200) throw new Error(`GET /api/indicators: ${warm.status} ${await warm.text()}`);
  // Reads ask for gzip, as every browser does (the server compresses an answer of 8 kB or more once per store version).
  const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
  report('GET /api/indicators (cached)', await run({ url: `${base}/api/indicators`, headers: { ...analyst.headers, ...browser } }));
  report('GET /api/dashboard (cached)', await run({ url: `${base}/api/dashboard`, headers: { ...reader.headers, ...browser } }));

  if (!allRoutes.some((r) => r.method === 'PUT' && r.url === '/api/coding/:round/units/:series/values')) {
    console.log('PUT /api/coding/…/values: the route is not there (yet); skipped');
  } else {
    const coord = await signIn('coord');
    const post = async (url: string, body: unknown): Promise<{ id?: string; round?: { id: string } }> => {
      const res = await fetch(`${base}${url}`, { method: 'POST', headers: coord.headers, body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id?: string; round?: { id: string } };
    };
    const sample = await post('/api/samples', { design: 'srs', size: 200, seed: 11 });
    const coders = Array.from({ length: CODERS }, (_, i) => `bench-coder${i + 1}`);
    const round = await post('/api/rounds', { sampleId: sample.id, coders, overlap: 0.2, seed: 5, variables: ['series.selfGenerated'] });
    const roundId = round.round!.id;
    // Each coder saves codes on their own units, cycling through them; every save is validated and audited.
    const perCoder = Math.max(1, Math.floor(connections / CODERS));
    const results = await Promise.all(
      Array.from({ length: CODERS }, async (_, i) => {
        const coder = await signIn(`coder${i + 1}`);
        const queue = (await (await fetch(`${base}/api/coding/queue`, { headers: coder.headers })).json()) as { rounds: { round: string; units: { seriesKey: string }[] }[] };
        const units = queue.rounds.find((r) => r.round === roundId)!.units.map((u) => u.seriesKey);
        let n = 0;
        return run({
          url: base,
          connections: perCoder,
          requests: [{
            method: 'PUT',
            setupRequest: (req) => {
              // Each pass over the units flips the value, so every save changes something.
              const key = units[n % units.length]!;
              const value = Math.floor(n++ / units.length) % 2 === 0 ? 'yes' : 'no';
              return { ...req, path: `/api/coding/${roundId}/units/${key}/values`, headers: coder.headers, body: JSON.stringify({ record: 'series', unitKey: key, variable: 'series.selfGenerated', value }) };
            },
          }],
        });
      }),
    );
    const merged = {
      p50: Math.max(...results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
      rps: results.reduce((a, r) => a + r.requests.average, 0),
      total: results.reduce((a, r) => a + r.requests.total, 0),
      errors: results.reduce((a, r) => a + r.errors, 0),
      timeouts: results.reduce((a, r) => a + r.timeouts, 0),
      non2xx: results.reduce((a, r) => a + r.non2xx, 0),
    };
    console.log(`${`PUT coding values (${CODERS} coders)`.padEnd(34)} p50 ${String(merged.p50).padStart(5)} ms   p99 ${String(merged.p99).padStart(5)} ms   ${Math.round(merged.rps).toString().padStart(6)} req/s   ${merged.total} requests   errors ${merged.errors} (timeouts ${merged.timeouts}), non-2xx ${merged.non2xx}   (p50/p99: the slowest coder's)`);
    codingRan = true;
  }
} finally {
  const stopped = new Promise((done) => server.once('exit', done));
  server.kill('SIGTERM');
  await stopped;
  if (codingRan) {
    const copyStore = await openStore(copy);
    const audited = await copyStore.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'coding.value.save').executeTakeFirstOrThrow();
    console.log(`audit entries coding.value.save: ${audited.n}`);
    await copyStore.close();
  }
  rmSync(dir, { recursive: true, force: true });
}
