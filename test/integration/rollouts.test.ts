import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { RolloutService } from '../../packages/app/src/rollouts';
import { type Rollout, toInstant } from '../../packages/domain/src';
import type { DevClaims } from '../../packages/local/src/issuer';
import { AuthorityRepository, dueJobs, RolloutRepository, rolloutItem } from '../../packages/store/src';
import { PLATFORM, seedTenancy, type TestApp, testApp } from '../support/app';
import { DONGSHAN, matter, rolloutBody, seedAuthority } from '../support/authority';
import { clockAt } from '../support/clock';

const CITY_ADMIN = { sub: 'nj-admin', roles: ['city-admin'], city: 'nanjing' };
const DAY = 24 * 3600_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedTenancy(t);
  await seedAuthority(t);
});

/** Runs the real clock handler as if it were `at`. */
const tick = clockAt(() => t);

describe('creating and previewing a rollout', () => {
  it('refuses a rollout dated in the past: moves are forward-dated', async () => {
    const res = await t.call(
      CITY_ADMIN,
      'POST',
      '/v1/cities/nanjing/rollouts',
      rolloutBody('past', ['m1'], '2020-01-01T00:00:00+08:00'),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('effectiveAt');
  });

  it('names each field of a bad rollout', async () => {
    const res = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts', {
      ...rolloutBody('bad', ['m1', 'm1'], inDays(3)),
      mode: 'merge',
      tenants: ['xian.yanliang'],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['mode']);
    const dup = await t.call(
      CITY_ADMIN,
      'POST',
      '/v1/cities/nanjing/rollouts',
      rolloutBody('bad', ['m1', 'm1'], inDays(3)),
    );
    expect(dup.body.errors[0].path).toBe('matters');
    const foreign = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts', {
      ...rolloutBody('bad', ['m1'], inDays(3)),
      tenants: ['xian.yanliang'],
    });
    expect(foreign.body.errors[0].path).toBe('tenants.0');
  });

  it('lists every blocker per tenant and refuses to schedule until they are fixed (R11)', async () => {
    const body = {
      ...rolloutBody('blocked', ['m1', 'nope'], inDays(3)),
      tenants: [DONGSHAN, 'nanjing.jiangning', 'nanjing.ghost'],
    };
    expect((await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts', body)).status).toBe(201);
    const preview = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/blocked/preview');
    expect(preview.status).toBe(200);
    expect(preview.body.ready).toBe(false);
    const byTenant = Object.fromEntries(
      preview.body.tenants.map((x: { tenant: string; blockers: { code: string }[] }) => [
        x.tenant,
        x.blockers.map((b) => b.code).sort(),
      ]),
    );
    expect(byTenant[DONGSHAN]).toEqual(['matter-not-in-catalogue']);
    expect(byTenant['nanjing.jiangning']).toEqual(
      [
        'matter-not-in-catalogue',
        'no-approver',
        'no-window-clerk',
        'receiving-body-missing',
        'seal-missing',
      ].sort(),
    );
    expect(byTenant['nanjing.ghost']).toEqual(['tenant-missing']);

    const schedule = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/blocked/schedule');
    expect(schedule.status).toBe(409);
    expect(schedule.body.type).toBe('/problems/rollout-blocked');
    expect(schedule.body.tenants.map((x: { tenant: string }) => x.tenant).sort()).toEqual(
      [DONGSHAN, 'nanjing.ghost', 'nanjing.jiangning'].sort(),
    );
    const after = await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/rollouts/blocked');
    expect(after.body.status).toBe('draft');
  });
});

describe('a rollout taking effect', () => {
  const effectiveAt = inDays(2);
  const until = inDays(32);

  it('schedules, is applied by the clock at its instant, and answers authority before and after (R1, R6)', async () => {
    const body = rolloutBody('batch-1', ['m1', 'm2', 'm3'], effectiveAt, {
      transition: { policy: 'guided', until },
    });
    const created = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts', body);
    expect(created.status).toBe(201);
    expect(created.body.allowedActions).toEqual(['preview', 'schedule', 'cancel']);
    const preview = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/batch-1/preview');
    expect(preview.body).toEqual({
      ready: true,
      tenants: [{ tenant: DONGSHAN, blockers: [], changes: 3, pendingCasesStaying: 0 }],
    });
    const scheduled = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/batch-1/schedule');
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.status).toBe('scheduled');
    expect(scheduled.body.allowedActions).toEqual(['cancel']);

    // Before its instant the clock leaves it alone.
    expect(await tick(inDays(1))).toEqual({ ran: 0, failed: 0 });
    expect((await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/rollouts/batch-1')).body.status).toBe(
      'scheduled',
    );

    expect(await tick(new Date(Date.parse(effectiveAt) + 1000).toISOString())).toEqual({ ran: 1, failed: 0 });
    const applied = await t.call(CITY_ADMIN, 'GET', '/v1/cities/nanjing/rollouts/batch-1');
    expect(applied.body).toMatchObject({
      status: 'applied',
      progress: { done: 3, total: 3 },
      allowedActions: [],
    });

    const clerk = { sub: 'clerk-a', roles: ['window-clerk'], tenant: DONGSHAN };
    const before = await t.call(
      clerk,
      'GET',
      `/v1/tenants/${DONGSHAN}/matters/m1/authority?at=${encodeURIComponent(inDays(1))}`,
    );
    expect(before.status).toBe(404);
    const during = await t.call(
      clerk,
      'GET',
      `/v1/tenants/${DONGSHAN}/matters/m1/authority?at=${encodeURIComponent(effectiveAt)}`,
    );
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({
      body: `${DONGSHAN}/convenience-centre`,
      mode: 'transfer',
      seal: 'centre-seal',
      supervisingBody: 'nanjing.jiangning/civil-affairs',
      originBody: 'nanjing.jiangning/civil-affairs',
      handlingBody: `${DONGSHAN}/convenience-centre`,
      transition: { policy: 'guided', until: toInstant(until), active: true },
    });
    const later = await t.call(
      clerk,
      'GET',
      `/v1/tenants/${DONGSHAN}/matters/m1/authority?at=${encodeURIComponent(inDays(40))}`,
    );
    expect(later.body.transition).toBeUndefined();

    const list = await t.call(
      clerk,
      'GET',
      `/v1/tenants/${DONGSHAN}/matters?at=${encodeURIComponent(inDays(3))}`,
    );
    expect(list.body.items.map((m: { code: string }) => m.code)).toEqual(['m1', 'm2', 'm3']);
    expect(list.body.items[0]).toMatchObject({ name: '事项m1', promisedDays: 5, statutoryDays: 20 });
    const none = await t.call(
      clerk,
      'GET',
      `/v1/tenants/${DONGSHAN}/matters?at=${encodeURIComponent(inDays(1))}`,
    );
    expect(none.body.items).toEqual([]);
  });

  it('moves back the other way with the same mechanism, never touching the earlier period (seed 002)', async () => {
    const back = {
      ...rolloutBody('back-1', ['m1'], inDays(60)),
      from: `${DONGSHAN}/convenience-centre`,
      to: 'convenience-centre',
    };
    // The "from" must be the body then holding the matter.
    const wrong = { ...back, id: 'back-wrong', from: 'nanjing.jiangning/civil-affairs' };
    await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts', wrong);
    const blocked = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/back-wrong/preview');
    expect(blocked.body.tenants[0].blockers.map((b: { code: string }) => b.code)).toContain(
      'held-by-another-body',
    );

    const history = await new AuthorityRepository(t.store).history(DONGSHAN, 'm1');
    expect(history).toHaveLength(1);
  });

  it('blocks a second rollout of the same matters while one is scheduled, and frees them when it is cancelled', async () => {
    await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts', rolloutBody('first', ['m4'], inDays(10)));
    expect((await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/first/schedule')).status).toBe(200);
    await t.call(
      CITY_ADMIN,
      'POST',
      '/v1/cities/nanjing/rollouts',
      rolloutBody('second', ['m4'], inDays(20)),
    );
    const p1 = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/second/preview');
    expect(p1.body.tenants[0].blockers.map((b: { code: string }) => b.code)).toEqual(['overlapping-rollout']);

    const cancel = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/first/cancel');
    expect(cancel.body).toMatchObject({ status: 'cancelled', allowedActions: [] });
    expect((await dueJobs(t.store, inDays(11))).map((j) => j.id)).not.toContain('rollout-nanjing-first');
    const p2 = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/second/preview');
    expect(p2.body.ready).toBe(true);
    expect((await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/first/cancel')).status).toBe(409);
  });

  it('blocks a rollout whose seal will be void at its instant (R3, R11)', async () => {
    await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/seals`, {
      id: 'short-seal',
      body: 'convenience-centre',
      name: '旧章',
      validFrom: '2020-01-01T00:00:00+08:00',
      electronic: false,
    });
    const voided = await t.call(PLATFORM, 'POST', `/v1/tenants/${DONGSHAN}/seals/short-seal/void`, {
      at: inDays(5),
      successor: 'centre-seal',
    });
    expect(voided.status).toBe(200);
    await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts', {
      ...rolloutBody('sealed', ['m5'], inDays(6)),
      seal: 'short-seal',
    });
    const preview = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/sealed/preview');
    expect(preview.body.tenants[0].blockers.map((b: { code: string }) => b.code)).toEqual(['seal-not-valid']);
  });

  it('yields a handover agreement per tenant, as JSON and as a printable page', async () => {
    const json = await t.call(
      CITY_ADMIN,
      'GET',
      `/v1/cities/nanjing/rollouts/batch-1/agreements/${DONGSHAN}`,
    );
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      title: '江宁区东山街道行政审批事项划转交接协议书'.replace('江宁区', ''),
      to: { ref: `${DONGSHAN}/convenience-centre`, name: '东山街道便民服务中心' },
      from: [{ ref: 'nanjing.jiangning/civil-affairs', name: '江宁区民政局' }],
      seal: { id: 'centre-seal', name: '行政审批专用章' },
    });
    expect(json.body.matters).toHaveLength(3);
    // The rules in order (pending cases, seals, responsibility, archives, windows, transition), in
    // words a signatory reads: no rule tag such as (R2), and bodies by name in either language.
    const zh = json.body.clauses.map((c: { zh: string }) => c.zh).join('\n');
    const en = json.body.clauses.map((c: { en: string }) => c.en).join('\n');
    expect(zh).toMatch(/继续办理.*印章.*行政复议.*档案.*窗口.*过渡期/s);
    expect(`${zh}\n${en}`).not.toMatch(/\(R\d\)|（R\d）|nanjing\.jiangning/);

    const admin = { sub: 'ds-admin', roles: ['tenant-admin'], tenant: DONGSHAN };
    const list = await t.call(admin, 'GET', `/v1/tenants/${DONGSHAN}/handovers`);
    expect(list.body.items.map((i: { rollout: string }) => i.rollout)).toContain('batch-1');
    const page = await t.app.request(`/v1/tenants/${DONGSHAN}/handovers/batch-1?format=html`, {
      headers: { authorization: `Bearer ${await t.token(admin)}` },
    });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('交接协议书');
    expect(html).toContain('事项m2');
  });
});

describe('readiness of people before a rollout (R11; seed 001 §五, seed 004)', () => {
  const admin = { sub: 'ds-admin', roles: ['tenant-admin'], tenant: DONGSHAN };
  const trainings = (id: string) => `/v1/tenants/${DONGSHAN}/staff/${id}/trainings`;

  it('records trainings per staff member and matter, refusing a future date or an unknown member', async () => {
    expect(
      (await t.call(PLATFORM, 'PUT', '/v1/cities/nanjing/catalogue/m7', matter('m7'))).status,
    ).toBeLessThan(300);
    const future = await t.call(admin, 'POST', trainings('clerk-a'), {
      matters: ['m7'],
      kind: 'training',
      completedAt: '2999-01-01',
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('completedAt');
    const badKind = await t.call(admin, 'POST', trainings('clerk-a'), {
      matters: ['m7'],
      kind: 'lecture',
      completedAt: '2024-01-01',
    });
    expect(badKind.body.errors[0].path).toBe('kind');
    const ghost = await t.call(admin, 'POST', trainings('ghost'), {
      matters: ['m7'],
      kind: 'training',
      completedAt: '2024-01-01',
    });
    expect(ghost.status).toBe(404);

    const named = {
      id: 'shadow-1',
      matters: ['m7', 'm7'],
      kind: 'shadowing',
      completedAt: '2024-05-06',
      by: '江宁区民政局',
    };
    const created = await t.call(admin, 'POST', trainings('clerk-a'), named);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      staff: 'clerk-a',
      id: 'shadow-1',
      matters: ['m7'],
      recordedBy: 'ds-admin',
    });
    expect((await t.call(admin, 'POST', trainings('clerk-a'), named)).status).toBe(409);

    // A member reads their own, not another's; the administrators read the tenant's by matter.
    const own = await t.call(
      { sub: 'clerk-a', roles: ['window-clerk'], tenant: DONGSHAN },
      'GET',
      trainings('clerk-a'),
    );
    expect(own.body.items.map((x: { id: string }) => x.id)).toContain('shadow-1');
    const other = await t.call(
      { sub: 'clerk-b', roles: ['window-clerk'], tenant: DONGSHAN },
      'GET',
      trainings('clerk-a'),
    );
    expect(other.status).toBe(403);
    const byMatter = await t.call(admin, 'GET', `/v1/tenants/${DONGSHAN}/trainings?matter=m7`);
    expect(byMatter.body.items.map((x: { staff: string }) => x.staff)).toEqual(['clerk-a']);
  });

  it('blocks scheduling while the receiving body has no approver trained on a moving matter, naming it', async () => {
    const create = await t.call(
      CITY_ADMIN,
      'POST',
      '/v1/cities/nanjing/rollouts',
      rolloutBody('people', ['m7'], inDays(15)),
    );
    expect(create.status).toBe(201);
    const preview = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/people/preview');
    expect(preview.body.tenants[0].blockers).toEqual([
      {
        code: 'untrained-approver',
        message: `“${DONGSHAN}/convenience-centre”没有经过培训的审批人员办理事项“m7”`,
        messageEn: `no approver in '${DONGSHAN}/convenience-centre' trained for m7 by the effective date`,
        matters: ['m7'],
      },
    ]);
    const blocked = await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/people/schedule');
    expect(blocked.status).toBe(409);
    expect(blocked.body.tenants[0].blockers[0].code).toBe('untrained-approver');

    const trained = await t.call(admin, 'POST', trainings('approver-a'), {
      matters: ['m7'],
      kind: 'trial-run',
      completedAt: '2024-06-01',
    });
    expect(trained.status).toBe(201);
    expect((await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/people/schedule')).status).toBe(
      200,
    );
  });

  it('carries the handover checklist, each item confirmed once with who and when, on the JSON and the printed agreement', async () => {
    const confirm = (item: string, who: DevClaims = admin, body: object = { note: '已发放 200 本' }) =>
      t.call(who, 'POST', `/v1/tenants/${DONGSHAN}/handovers/people/checklist/${item}`, body);
    const first = await confirm('certificates');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      item: 'certificates',
      confirmedBy: 'ds-admin',
      note: '已发放 200 本',
    });
    expect((await confirm('certificates')).status).toBe(409);
    expect((await confirm('accounts', CITY_ADMIN, {})).status).toBe(200);
    const bad = await confirm('coffee');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('item');
    const clerk = { sub: 'clerk-a', roles: ['window-clerk'], tenant: DONGSHAN };
    expect((await confirm('rules', clerk)).status).toBe(403);
    // A draft has no agreement to confirm.
    await t.call(
      CITY_ADMIN,
      'POST',
      '/v1/cities/nanjing/rollouts',
      rolloutBody('people-draft', ['m6'], inDays(15)),
    );
    expect(
      (await t.call(admin, 'POST', `/v1/tenants/${DONGSHAN}/handovers/people-draft/checklist/rules`, {}))
        .status,
    ).toBe(404);

    const agreement = await t.call(admin, 'GET', `/v1/tenants/${DONGSHAN}/handovers/people`);
    expect(agreement.status).toBe(200);
    expect(
      agreement.body.checklist.map((x: { item: string; confirmedBy?: string }) => [x.item, x.confirmedBy]),
    ).toEqual([
      ['rules', undefined],
      ['certificates', 'ds-admin'],
      ['accounts', 'nj-admin'],
      ['training', undefined],
    ]);
    expect(agreement.body.checklist[3].derived).toEqual({ ready: true, gaps: [] });
    const page = await t.app.request(`/v1/tenants/${DONGSHAN}/handovers/people?format=html`, {
      headers: { authorization: `Bearer ${await t.token(admin)}` },
    });
    const html = await page.text();
    expect(html).toContain('交接清单');
    expect(html).toMatch(/空白证书\/证照储备<\/td><td>ds-admin/);
    expect(html).toContain('培训记录齐全');
    await t.call(CITY_ADMIN, 'POST', '/v1/cities/nanjing/rollouts/people/cancel');
  });
});

describe('applying a large rollout', () => {
  it('resumes where a killed worker stopped, with no period missing or doubled', async () => {
    const tenants = Array.from({ length: 100 }, (_v, i) => `nanjing.bulk${i}`);
    const matters = Array.from({ length: 100 }, (_v, i) => `bulk-${i}`);
    const rollout: Rollout = {
      id: 'bulk',
      name: '大批次',
      city: 'nanjing',
      matters,
      tenants,
      mode: 'transfer',
      effectiveAt: toInstant('2030-01-01T00:00:00+08:00'),
      from: 'nanjing.jiangning/civil-affairs',
      to: 'centre',
      seal: 'seal',
      status: 'scheduled',
      createdAt: new Date().toISOString(),
      createdBy: 'test',
      progress: { done: 0, total: 10_000 },
    };
    // Scheduling was tested above; this test is about the apply engine, so the rollout is written as scheduled.
    await t.store.client.send(
      new (await import('@aws-sdk/client-dynamodb')).PutItemCommand({
        TableName: t.store.tableName,
        Item: (await import('@aws-sdk/util-dynamodb')).marshall(rolloutItem(rollout)),
      }),
    );
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/support/apply-child.ts',
        inject('dynamoEndpoint'),
        t.store.tableName,
        'nanjing',
        'bulk',
        '2030-01-01T00:00:01.000Z',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const repo = new RolloutRepository(t.store);
    let killedAt = 0;
    // The child starts tsx and its SDK first: on a loaded machine its first group can take most of a minute.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && child.exitCode === null) {
      const done = (await repo.get('nanjing', 'bulk'))?.progress.done ?? 0;
      if (done > 0) {
        child.kill('SIGKILL');
        killedAt = done;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    expect(killedAt, stderr).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(10_000);
    const midway = await repo.get('nanjing', 'bulk');
    expect(midway?.status).toBe('applying');

    expect(
      await new RolloutService(t.store).apply('nanjing', 'bulk', {
        now: toInstant('2030-01-01T00:00:01Z'),
        // The whole remainder in one call: a busy machine can take longer than a clock tick's budget.
        budgetMs: 600_000,
      }),
    ).toEqual({ done: true });
    const final = await repo.get('nanjing', 'bulk');
    expect(final).toMatchObject({ status: 'applied', progress: { done: 10_000, total: 10_000 } });

    const authority = new AuthorityRepository(t.store);
    const counts = await Promise.all(tenants.map(async (tenant) => (await authority.all(tenant)).length));
    expect(counts.every((n) => n === 100)).toBe(true);
    const sample = await authority.all('nanjing.bulk57');
    expect(new Set(sample.map((p) => p.matter)).size).toBe(100);
    expect(sample.every((p) => p.body === 'nanjing.bulk57/centre' && p.rollout === 'bulk')).toBe(true);
  }, 240_000);
});
