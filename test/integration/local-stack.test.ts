import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/local/src/dynamo';

const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-start-'));
const running: ChildProcess[] = [];

/** Runs `npm start` in its own process group, as a terminal does, and waits for its banner. */
async function start(args: string[], port: number) {
  const child = spawn('npm', ['start', '--', ...args], {
    env: { ...process.env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  // npm itself dies of the SIGINT, as in a terminal; the stack under it exits 0 after cleaning up.
  const exited = new Promise<number | string | null>((ok) =>
    child.once('exit', (code, signal) => ok(code ?? signal)),
  );
  const ready = await Promise.race([
    (async () => {
      while (!output.includes('is running at')) await new Promise((r) => setTimeout(r, 100));
      return true;
    })(),
    exited.then(() => false),
  ]);
  return { child, ready, exited, output: () => output };
}

/** Ctrl-C: SIGINT to the whole process group. */
const interrupt = (child: ChildProcess) => process.kill(-(child.pid ?? 0), 'SIGINT');

/** Waits until the DynamoDB Local of `dir` is gone (or 15 s pass) and answers what is left. */
async function javaGone(dir: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (javaFor(dir) !== '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return javaFor(dir);
}

const javaFor = (dir: string): string => {
  try {
    return execFileSync('pgrep', ['-f', `dbPath ${dir}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

async function token(base: string, claims: object): Promise<string> {
  const res = await fetch(`${base}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(claims),
  });
  return ((await res.json()) as { token: string }).token;
}

afterAll(() => {
  for (const c of running) {
    try {
      process.kill(-(c.pid ?? 0), 'SIGKILL');
    } catch {
      // the group has already exited
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the demo data, refuses a second start on the same data, stops cleanly, and keeps data', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await start(['--data-dir', dataDir], port);
    expect(first.ready, first.output()).toBe(true);
    expect(first.output()).toContain('dongshan-clerk');

    expect((await (await fetch(`${base}/healthz`)).json()) as object).toEqual({ status: 'ok' });
    const admin = await token(base, { sub: 'nanjing-admin', roles: ['city-admin'], city: 'nanjing' });
    const tenants = (await (
      await fetch(`${base}/v1/cities/nanjing/tenants`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as { items: { id: string }[] };
    expect(tenants.items.map((x) => x.id)).toContain('nanjing.jiangning.dongshan');
    expect(tenants.items).toHaveLength(11);

    const platform = await token(base, { sub: 'platform-admin', roles: ['platform-admin'] });
    // The seed scenarios' history, replayed: Anshan's bureau held matters until the 2024 move back (seed 002).
    const authority = async (tenant: string, code: string, at: string) =>
      (await (
        await fetch(`${base}/v1/tenants/${tenant}/matters/${code}/authority?at=${encodeURIComponent(at)}`, {
          headers: { authorization: `Bearer ${platform}` },
        })
      ).json()) as { body: string; seal: string };
    const anshan = (await (
      await fetch(`${base}/v1/tenants/anshan.gaoxin/matters`, {
        headers: { authorization: `Bearer ${platform}` },
      })
    ).json()) as { items: { code: string }[] };
    expect(anshan.items).toHaveLength(126);
    const code = anshan.items[0]?.code ?? '';
    expect((await authority('anshan.gaoxin', code, '2023-01-01T00:00:00+08:00')).body).toBe(
      'anshan.gaoxin/approval-bureau',
    );
    expect((await authority('anshan.gaoxin', code, '2025-01-01T00:00:00+08:00')).body).not.toBe(
      'anshan.gaoxin/approval-bureau',
    );
    const created = await fetch(`${base}/v1/cities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'persisted', name: '持久市' }),
    });
    expect(created.status).toBe(201);
    // Dongshan's window starts with demo cases in several states, made through the API.
    const dongshanCases = async () =>
      (
        (await (
          await fetch(`${base}/v1/tenants/nanjing.jiangning.dongshan/cases?limit=100`, {
            headers: { authorization: `Bearer ${platform}` },
          })
        ).json()) as { items: { status: string }[] }
      ).items;
    const demoCases = await dongshanCases();
    expect(new Set(demoCases.map((c) => c.status))).toEqual(
      new Set(['needs-correction', 'accepted-with-deficiency', 'accepted', 'approved', 'issued']),
    );

    // DynamoDB Local's file is in write-ahead-log mode (header bytes 18–19), its log beside it.
    const header = readFileSync(join(dataDir, 'dynamodb', 'shared-local-instance.db')).subarray(0, 20);
    expect([header[18], header[19]]).toEqual([2, 2]);
    expect(existsSync(join(dataDir, 'dynamodb', 'shared-local-instance.db-wal'))).toBe(true);

    const second = await start(['--data-dir', dataDir], await freePort());
    expect(second.ready).toBe(false);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('already running');

    expect(javaFor(dataDir)).not.toBe('');
    interrupt(first.child);
    expect(await first.exited).toBeOneOf([0, 'SIGINT']);
    expect(await javaGone(dataDir)).toBe('');

    const again = await start(['--data-dir', dataDir], port);
    expect(again.ready, again.output()).toBe(true);
    const cities = (await (
      await fetch(`${base}/v1/cities`, { headers: { authorization: `Bearer ${platform}` } })
    ).json()) as {
      items: { id: string }[];
    };
    expect(cities.items.map((c) => c.id)).toContain('persisted');
    // A restart loads no demo case twice.
    expect(await dongshanCases()).toHaveLength(demoCases.length);
    interrupt(again.child);
    expect(await again.exited).toBeOneOf([0, 'SIGINT']);
    expect(await javaGone(dataDir)).toBe('');
    // Two starts with the demo data on disk, beside the other workers of a full run: 177 s was
    // seen on a loaded two-core machine, so the margin is wide.
  }, 300_000);

  it('keeps nothing with --memory', async () => {
    const port = await freePort();
    const run = await start(['--memory', '--no-demo'], port);
    expect(run.ready, run.output()).toBe(true);
    const platform = await token(`http://127.0.0.1:${port}`, { sub: 'p', roles: ['platform-admin'] });
    const cities = (await (
      await fetch(`http://127.0.0.1:${port}/v1/cities`, { headers: { authorization: `Bearer ${platform}` } })
    ).json()) as { items: { id: string }[] };
    expect(cities.items).toEqual([]);
    interrupt(run.child);
    expect(await run.exited).toBeOneOf([0, 'SIGINT']);
  });
});
