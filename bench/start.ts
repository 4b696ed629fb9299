import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../packages/local/src/dynamo';

const root = join(fileURLToPath(import.meta.url), '../..');

export interface StartFigures {
  readonly mode: 'demo' | 'no-demo';
  /** From the process's spawn to the URL answering the sign-in page. */
  readonly answersMs: number;
  /** From the spawn to the demo being complete (every page shows it); the same as answering without one. */
  readonly completeMs: number;
  /** The step lines `npm start` printed, as it printed them. */
  readonly steps: readonly string[];
  /** The 1-minute load average when the start began and when it was complete. */
  readonly load: readonly [number, number];
}

/** Waits until `url` answers 200. */
async function answers(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** One first start, as `npm start -- --memory` (a fresh table every time), timed from the spawn. */
async function startOnce(mode: StartFigures['mode']): Promise<StartFigures> {
  const port = await freePort();
  const load0 = loadavg()[0] ?? Number.NaN;
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      'packages/local/src/main.ts',
      '--memory',
      '--port',
      String(port),
      ...(mode === 'no-demo' ? ['--no-demo'] : []),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'ERROR' } },
  );
  const steps: string[] = [];
  let complete: () => void = () => undefined;
  const completed = new Promise<void>((ok) => {
    complete = ok;
  });
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (/^\s*✓/.test(line)) steps.push(line.trim());
      if (line.includes('The demo is complete')) complete();
    }
  });
  try {
    const deadline = Date.now() + 600_000;
    await answers(`http://127.0.0.1:${port}/console/sign-in`, deadline);
    const answersMs = performance.now() - started;
    if (mode === 'demo') await completed;
    const completeMs = performance.now() - started;
    return { mode, answersMs, completeMs, steps, load: [load0, loadavg()[0] ?? Number.NaN] };
  } finally {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }
}

/** `npm start` with the demo, then with `--no-demo`, one after the other on the same machine. */
export async function measureStart(): Promise<StartFigures[]> {
  return [await startOnce('demo'), await startOnce('no-demo')];
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function startReport(figures: readonly StartFigures[]): string {
  const demo = figures.find((f) => f.mode === 'demo');
  const rows = figures
    .map(
      (f) =>
        `| ${f.mode === 'demo' ? '`npm start -- --memory`' : '`npm start -- --memory --no-demo`'} | ${s(f.answersMs)} | ${s(f.completeMs)} | ${f.load[0].toFixed(1)} → ${f.load[1].toFixed(1)} |`,
    )
    .join('\n');
  return `
## The first start (issue 17)

\`bench/start.ts\`: \`npm start\` spawned as a new user runs it (in memory, so every start is a first
start with a fresh table), timed from the spawn: until the URL answers the sign-in page, and until
the demo is complete (the start prints \`The demo is complete\`; until then every page that shows
demo data waits, so none shows part of it). With the demo, then without, one after the other.
On this run's machine (two cores) a load average above 2 means other work shared them: the start without the demo shows what the machine itself cost, and the demo adds the difference.

| start | URL answers | demo complete | load average (1 min) |
|---|---:|---:|---:|
${rows}

- Target: ready in ≤ 15 s with the full demo — the URL answers in ${demo ? s(demo.answersMs) : '?'} (${demo && demo.answersMs <= 15_000 ? 'met' : '**missed**'}); the demo is complete in ${demo ? s(demo.completeMs) : '?'} (${demo && demo.completeMs <= 15_000 ? 'met' : '**missed**'}).

The steps \`npm start\` printed with the demo:

\`\`\`
${demo?.steps.join('\n') ?? ''}
\`\`\`
`;
}

/** Run alone (`npx tsx bench/start.ts`): measures and replaces this section of bench/RESULTS.md. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = startReport(await measureStart());
  const file = join(root, 'bench/RESULTS.md');
  const before = readFileSync(file, 'utf8');
  const at = before.indexOf('\n## The first start (issue 17)');
  const next = at < 0 ? -1 : before.indexOf('\n## ', at + 5);
  const after =
    at < 0
      ? `${before.trimEnd()}\n${report}`
      : `${before.slice(0, at)}${report}${next < 0 ? '' : before.slice(next)}`;
  writeFileSync(file, after);
  console.log(report);
}
