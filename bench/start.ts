import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../packages/local/src/dynamo';

const root = join(fileURLToPath(import.meta.url), '../..');

/**
 * `disk`: `npm start` as a new clone first runs it (the demo into a fresh data directory);
 * `memory`: the same in memory (`--memory`); `no-demo`: a fresh directory without the demo.
 */
export type StartMode = 'disk' | 'memory' | 'no-demo';

const COMMANDS: Record<StartMode, string> = {
  disk: '`npm start` (fresh data directory)',
  memory: '`npm start -- --memory`',
  'no-demo': '`npm start -- --no-demo` (fresh data directory)',
};

export interface StartFigures {
  readonly mode: StartMode;
  /** From the process's spawn to the URL answering the sign-in page. */
  readonly answersMs: number;
  /** From the spawn to the demo being complete (every page shows it); the same as answering without one. */
  readonly completeMs: number;
  /**
   * From the spawn to the demo being in DynamoDB Local and the workers running (until then pages
   * are answered from the in-process table the demo was replayed into); the same as complete
   * without a demo.
   */
  readonly copiedMs: number;
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

/** One first start, timed from the spawn: every run gets a fresh data directory or a fresh table in memory. */
async function startOnce(mode: StartMode): Promise<StartFigures> {
  const port = await freePort();
  const dataDir = mode === 'memory' ? undefined : mkdtempSync(join(tmpdir(), 'onewindow-bench-start-'));
  const load0 = loadavg()[0] ?? Number.NaN;
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    // As `npm start` runs it: one Node process (tsx as a loader), which stops DynamoDB Local itself.
    [
      '--import',
      'tsx',
      'packages/local/src/main.ts',
      ...(dataDir ? ['--data-dir', dataDir] : ['--memory']),
      '--port',
      String(port),
      ...(mode === 'no-demo' ? ['--no-demo'] : []),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'ERROR' } },
  );
  const steps: string[] = [];
  // When the start first printed a line that passes `test`.
  const watched: [RegExp, (at: number) => void][] = [];
  const printed = (test: RegExp) =>
    new Promise<number>((ok) => {
      watched.push([test, ok]);
    });
  const completed = printed(/The demo is complete/);
  const inDynamo = printed(/✓ demo: \d+ items into DynamoDB Local/);
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (/^\s*✓/.test(line)) steps.push(line.trim());
      for (const [test, seen] of watched) if (test.test(line)) seen(performance.now());
    }
  });
  try {
    const deadline = Date.now() + 600_000;
    await answers(`http://127.0.0.1:${port}/console/sign-in`, deadline);
    const answersMs = performance.now() - started;
    const completeMs = mode === 'no-demo' ? answersMs : (await completed) - started;
    const copiedMs = mode === 'no-demo' ? completeMs : (await inDynamo) - started;
    return { mode, answersMs, completeMs, copiedMs, steps, load: [load0, loadavg()[0] ?? Number.NaN] };
  } finally {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const ROUNDS = Number(process.env.START_ROUNDS ?? 3);

/**
 * Each kind of start ROUNDS times, the kinds interleaved so a noisy minute on a shared machine
 * falls on all of them alike.
 */
export async function measureStart(): Promise<StartFigures[]> {
  const figures: StartFigures[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (const mode of ['disk', 'memory', 'no-demo'] as const) figures.push(await startOnce(mode));
  return figures;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export function startReport(figures: readonly StartFigures[]): string {
  const of = (mode: StartMode) => figures.filter((f) => f.mode === mode);
  const rows = (['disk', 'memory', 'no-demo'] as const)
    .map((mode) => {
      const runs = of(mode);
      const list = (pick: (f: StartFigures) => number) => runs.map((f) => s(pick(f))).join(', ');
      return `| ${COMMANDS[mode]} | ${s(median(runs.map((f) => f.answersMs)))} | ${s(median(runs.map((f) => f.completeMs)))} (${list((f) => f.completeMs)}) | ${s(median(runs.map((f) => f.copiedMs)))} | ${runs.map((f) => `${f.load[0].toFixed(1)}→${f.load[1].toFixed(1)}`).join(', ')} |`;
    })
    .join('\n');
  const disk = of('disk');
  const answers = median(disk.map((f) => f.answersMs));
  const complete = median(disk.map((f) => f.completeMs));
  const verdict = (ms: number) => (ms <= 15_000 ? 'met' : '**missed**');
  return `
## The first start (issue 17)

\`bench/start.ts\`: \`npm start\` spawned as a new user runs it, timed from the spawn: until the URL
answers the sign-in page, and until the demo is complete (the start prints \`The demo is complete\`;
until then every page that shows demo data waits, so none shows part of it), and until the demo is
also in DynamoDB Local with the workers running (the start prints \`demo: N items into DynamoDB
Local\`; until then pages are answered from the in-process table the demo was replayed into, and what
they change is copied after it). Every start is a first start: a fresh data directory (the default,
on disk) or a fresh table in memory. The three kinds run ${ROUNDS} times, interleaved; the medians are
shown with every run. On this machine (two cores) the start itself keeps both cores busy (a load
average about 2); more means other work shared them. The start without the demo shows what the
machine itself cost.

| start | URL answers (median) | demo complete (median, runs) | in DynamoDB Local, workers running (median) | load average (1 min) per run |
|---|---:|---:|---:|---|
${rows}

- Target: ready in ≤ 15 s with the full demo, for \`npm start\` on a fresh clone — the URL answers in ${s(answers)} (${verdict(answers)}); the demo is complete in ${s(complete)} (${verdict(complete)}).

The steps \`npm start\` printed in its first run with the demo:

\`\`\`
${disk[0]?.steps.join('\n') ?? ''}
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
