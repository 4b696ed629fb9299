import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi } from '../support/console';

/** R19 in the console: a card says its trigger; an event card shows its evidence, a clock card its days. */
const TENANT = 'nanjing.jiangning.dongshan';
const T = `/console/tenants/${TENANT}`;
const INSPECTOR = { sub: 'inspector', name: '钱敏', roles: ['inspector'], tenant: TENANT };
const CASE = `${TENANT}-20260511-0001`;
const ref = (seq: number, type: string, at: string) => ({ seq, type, at, hash: `hash-${seq}` });
const base = {
  caseNo: CASE,
  tenant: TENANT,
  matterName: '临时救助金给付',
  colour: 'red',
  raisedAt: '2026-05-11T02:31:00.000Z',
  status: 'raised',
  version: 1,
};
const NOTICE = {
  ...base,
  id: `${CASE}~notice:3~red`,
  trigger: 'notice',
  subject: '3',
  since: '2026-05-11',
  evidence: [
    ref(2, 'correction-notified', '2026-05-11T02:00:00.000Z'),
    ref(3, 'correction-notified', '2026-05-11T02:30:00.000Z'),
  ],
  detail: {
    zh: '一次性告知后又要求补正：申请表（经签批）',
    en: 'asked after the one-time notice for: form (signed off)',
  },
};
const STEP = {
  ...base,
  id: `${CASE}~step:s1~red`,
  trigger: 'step',
  subject: 's1',
  limit: 'step',
  since: '2026-03-17',
  proof: {
    limit: 'step',
    stepId: 's1',
    start: '2026-03-16',
    startEvent: ref(3, 'step-started', '2026-03-16T03:00:00.000Z'),
    allowed: 1,
    pauses: [],
    deadline: '2026-03-17',
    today: '2026-03-18',
    workingDaysLeft: -1,
    warnDays: 2,
    calendars: [{ year: 2026, provisional: false }],
    days: [
      { date: '2026-03-17', kind: 'working', counted: true },
      { date: '2026-03-18', kind: 'working', counted: true },
    ],
  },
};

function setup() {
  const { api, asApi } = recordingApi();
  const cards = [NOTICE, STEP];
  api.get('/v1/tenants/:t/bodies', (c) => c.json({ items: [] }));
  api.get('/v1/tenants/:t/cards', (c) => c.json({ items: cards }));
  api.get('/v1/tenants/:t/cards/:id', (c) => c.json(cards.find((x) => x.id === c.req.param('id'))));
  return consoleHarness(asApi(), [INSPECTOR]);
}

describe('console: e-supervision cards by trigger (R19)', () => {
  it('lists each card by its trigger, Chinese first, with its step or event', async () => {
    const { signIn, request } = setup();
    await signIn(INSPECTOR.sub, `${T}/cards`);
    const html = await (await request(`${T}/cards`)).text();
    expect(html).toContain('突破一次性告知（事件 #3）');
    expect(html).toContain('环节超时（环节 s1）');
    const en = await (await request(`${T}/cards?lang=en`)).text();
    expect(en).toContain('Beyond the one-time notice (event #3)');
    expect(en).toContain('Step overdue (step s1)');
  });

  it('shows an event card’s evidence, not a day table; a step card its clock proof', async () => {
    const { signIn, request } = setup();
    await signIn(INSPECTOR.sub, `${T}/cards`);
    const notice = await (await request(`${T}/cards/${encodeURIComponent(NOTICE.id)}`)).text();
    expect(notice).toContain('所据事件');
    expect(notice).toContain('一次性告知后又要求补正：申请表（经签批）');
    expect(notice).toContain('hash-2');
    expect(notice).toContain('hash-3');
    expect(notice).not.toContain('时钟证明');
    const step = await (await request(`${T}/cards/${encodeURIComponent(STEP.id)}`)).text();
    expect(step).toContain('时钟证明');
    expect(step).toContain('2026-03-18');
    expect(step).not.toContain('所据事件');
    const en = await (await request(`${T}/cards/${encodeURIComponent(NOTICE.id)}?lang=en`)).text();
    expect(en).toContain('asked after the one-time notice for: form (signed off)');
  });
});
