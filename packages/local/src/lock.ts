import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

interface LockContent {
  readonly pid: number;
  readonly url: string;
  readonly javaPid?: number;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * One `npm start` per data folder: two DynamoDB Local processes on one database file
 * would corrupt it. A lock left by a stack that was killed outright is taken over,
 * and the Java process it may have orphaned is stopped first.
 */
export function acquireLock(file: string, url: string): { update(javaPid: number): void; release(): void } {
  if (existsSync(file)) {
    const held = JSON.parse(readFileSync(file, 'utf8')) as LockContent;
    if (held.pid !== process.pid && alive(held.pid)) {
      throw new Error(
        `OneWindow 已在运行（进程 ${held.pid}，${held.url}），请先停止它。\n` +
          `OneWindow is already running (pid ${held.pid}, ${held.url}); stop it first, or use --memory with another PORT.`,
      );
    }
    if (held.javaPid && alive(held.javaPid)) process.kill(held.javaPid, 'SIGKILL');
  }
  let content: LockContent = { pid: process.pid, url };
  writeFileSync(file, JSON.stringify(content));
  return {
    update(javaPid) {
      content = { ...content, javaPid };
      writeFileSync(file, JSON.stringify(content));
    },
    release() {
      rmSync(file, { force: true });
    },
  };
}
