import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_HEADERS, XLSX_TYPE } from '../../packages/api/src/catalogue-format';
import { toCsv } from '../../packages/api/src/csv';
import type { DevClaims } from '../../packages/local/src/issuer';
import { CatalogueRepository } from '../../packages/store/src';
import { PLATFORM, seedTenancy, type TestApp, testApp } from '../support/app';

const NANJING_ADMIN: DevClaims = { sub: 'nanjing-admin', roles: ['city-admin'], city: 'nanjing' };
const XIAN_ADMIN: DevClaims = { sub: 'xian-admin', roles: ['city-admin'], city: 'xian' };
const IMPORT = '/v1/cities/nanjing/catalogue:import';
const EXPORT = '/v1/cities/nanjing/catalogue:export';

/** Three matters as a service centre's sheet would hold them: quoted line breaks, full-width separators. */
const ROWS = [
  [
    'marriage',
    '内地居民婚姻登记',
    '行政确认',
    '01 结婚登记；02 离婚登记',
    '《婚姻登记条例》\n第四条',
    '20',
    '0',
    '是',
    'm1 申请表【核心】；m2 户口簿',
    '',
    '',
    'civil-affairs',
  ],
  [
    'food-licence',
    '食品经营许可',
    '行政许可',
    '01 新办;02 变更',
    '《食品安全法》第三十五条',
    '20',
    '10',
    '否',
    'm1 申请书【核心】',
    'f1 工本费 10.00',
    '现场勘验 5',
    '',
  ],
  ['subsidy', '高龄津贴发放', 'payment', '01 申领', '《老年人权益保障法》', '15', '5', '否', '', '', '', ''],
];
const csvOf = (rows: string[][]) => toCsv([[...CATALOGUE_HEADERS], ...rows]);

let t: TestApp;

async function send(
  as: DevClaims,
  path: string,
  init: {
    method?: string;
    body?: string | Uint8Array | FormData;
    type?: string;
    headers?: Record<string, string>;
  },
) {
  const res = await t.app.request(path, {
    method: init.method ?? 'POST',
    headers: {
      authorization: `Bearer ${await t.token(as)}`,
      ...(init.type ? { 'content-type': init.type } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {}
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on the shape of JSON answers
  return { status: res.status, headers: res.headers, bytes, body: body as any };
}

const importCsv = (csv: string, query = '', as = PLATFORM) =>
  send(as, `${IMPORT}${query}`, { body: csv, type: 'text/csv' });

async function download(format: 'csv' | 'xlsx') {
  const res = await send(NANJING_ADMIN, `${EXPORT}?format=${format}`, { method: 'GET' });
  expect(res.status).toBe(200);
  return res;
}

/** What must not move when an import changes nothing: the audit trail and every version. */
async function snapshot() {
  const audit = await t.store.queryPrefix('C#nanjing', 'AUDIT#');
  const list = await t.call(PLATFORM, 'GET', '/v1/cities/nanjing/catalogue');
  return {
    audit: audit.length,
    versions: Object.fromEntries(
      (list.body.items as { code: string; version: number }[]).map((m) => [m.code, m.version]),
    ),
  };
}

beforeAll(async () => {
  t = await testApp();
  await seedTenancy(t);
});

describe('catalogue import and export', () => {
  it('imports a CSV of three matters, one audit record each', async () => {
    const { audit } = await snapshot();
    const res = await importCsv(csvOf(ROWS), '', NANJING_ADMIN);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, dryRun: false });
    const marriage = await t.call(PLATFORM, 'GET', '/v1/cities/nanjing/catalogue/marriage');
    expect(marriage.body).toMatchObject({
      type: 'confirmation',
      onTheSpot: true,
      legalBasis: '《婚姻登记条例》\n第四条',
      materials: [
        { code: 'm1', name: '申请表', core: true },
        { code: 'm2', name: '户口簿', core: false },
      ],
      department: 'civil-affairs',
      version: 1,
    });
    expect((await snapshot()).audit).toBe(audit + 3);
  });

  it('writes a long list in a few transactions, each matter with its own audit record', async () => {
    // In Xi'an, so Nanjing's catalogue stays the three matters the other cases read.
    const audit = (await t.store.queryPrefix('C#xian', 'AUDIT#')).length;
    const rows = Array.from({ length: 90 }, (_, i) => {
      const row = [...(ROWS[2] ?? [])];
      row[0] = `bulk-${i}`;
      row[1] = `批量事项${i}`;
      return row;
    });
    let transactions = 0;
    const count =
      (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
        if (context.commandName === 'TransactWriteItemsCommand') transactions++;
        return next(args);
      };
    t.store.client.middlewareStack.add(count as never, { step: 'initialize', name: 'countTransactions' });
    try {
      const res = await send(XIAN_ADMIN, '/v1/cities/xian/catalogue:import', {
        body: csvOf(rows),
        type: 'text/csv',
      });
      expect(res.body).toEqual({ rows: 90, created: 90, updated: 0, unchanged: 0, dryRun: false });
    } finally {
      t.store.client.middlewareStack.remove('countTransactions');
    }
    // 40 matters a transaction: three, not ninety.
    expect(transactions).toBe(3);
    expect((await t.store.queryPrefix('C#xian', 'AUDIT#')).length).toBe(audit + 90);
    const one = await t.call(PLATFORM, 'GET', '/v1/cities/xian/catalogue/bulk-89');
    expect(one.body).toMatchObject({ name: '批量事项89', version: 1 });
    // What checking a plan and deriving codes read of them: each matter's code, nothing else of it.
    const codes = await new CatalogueRepository(t.store).matterCodes('xian');
    expect(codes.filter((c) => c.code.startsWith('bulk-'))).toHaveLength(90);
    for (const c of codes) expect(Object.keys(c).filter((k) => k !== 'basicCode')).toEqual(['code']);
  });

  it('exports CSV with a BOM and XLSX, and each imports back without changing anything', async () => {
    const before = await snapshot();
    const csv = await download('csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="catalogue-nanjing.csv"');
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csv.bytes)).toContain('事项编码,事项名称,事项类型');

    const xlsx = await download('xlsx');
    expect(xlsx.headers.get('content-type')).toBe(XLSX_TYPE);
    expect([...xlsx.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);

    const again = await send(NANJING_ADMIN, IMPORT, { body: csv.bytes, type: 'text/csv' });
    expect(again.body).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3, dryRun: false });
    const fromXlsx = await send(NANJING_ADMIN, IMPORT, { body: xlsx.bytes, type: XLSX_TYPE });
    expect(fromXlsx.body).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3, dryRun: false });
    expect(await snapshot()).toEqual(before);
  });

  it('takes the file from a multipart form, whatever type the browser gave a .csv', async () => {
    const before = await snapshot();
    const xlsx = await download('xlsx');
    const form = new FormData();
    form.append('file', new File([xlsx.bytes], '指导目录.xlsx', { type: XLSX_TYPE }));
    const res = await send(NANJING_ADMIN, IMPORT, { body: form });
    expect(res.body).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3, dryRun: false });

    // Windows with Excel installed labels .csv files application/vnd.ms-excel.
    const csvForm = new FormData();
    csvForm.append('file', new File([csvOf(ROWS)], '指导目录.csv', { type: 'application/vnd.ms-excel' }));
    const fromCsv = await send(NANJING_ADMIN, IMPORT, { body: csvForm });
    expect(fromCsv.body).toMatchObject({ unchanged: 3 });
    expect(await snapshot()).toEqual(before);

    const empty = await send(NANJING_ADMIN, IMPORT, { body: new FormData() });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'file' })]);
  });

  it('previews with dryRun=true and writes nothing', async () => {
    const before = await snapshot();
    const changed = ROWS.map((r) => [...r]);
    (changed[2] as string[])[1] = '高龄津贴申领';
    changed.push(['new-one', '新事项', '备案', '01 备案', '依据', '10', '5', '否', '', '', '', '']);
    const res = await importCsv(csvOf(changed), '?dryRun=true');
    expect(res.body).toEqual({ rows: 4, created: 1, updated: 1, unchanged: 2, dryRun: true });
    expect(await snapshot()).toEqual(before);
  });

  it('rejects a file with errors in two rows, lists them and writes nothing', async () => {
    const before = await snapshot();
    const bad = ROWS.map((r) => [...r]);
    (bad[0] as string[])[1] = '婚姻登记（改）';
    (bad[1] as string[])[6] = '30';
    (bad[2] as string[])[2] = '补贴';
    (bad[2] as string[])[3] = '01';
    const res = await importCsv(csvOf(bad));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: '/problems/import-rejected', status: 422, errorCount: 3 });
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '承诺办结时限（工作日）'],
      [4, '事项类型'],
      [4, '办理项'],
    ]);
    expect(res.body.errors[0].message).toContain('不得超过法定时限');
    expect(await snapshot()).toEqual(before);
  });

  it('reports header problems on row 1', async () => {
    const res = await importCsv(
      toCsv([
        ['事项编码', '名字'],
        ['x', 'y'],
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toEqual({
      row: 1,
      column: '名字',
      detail: '未知的列',
      detailEn: 'is not a known column',
      message: '未知的列',
      messageEn: 'is not a known column',
    });
  });

  it('applies a changed row as a new version, and a retry with the same key changes nothing more', async () => {
    const changed = ROWS.map((r) => [...r]);
    (changed[2] as string[])[6] = '3';
    const headers = { 'idempotency-key': 'import-2024-09-01' };
    const first = await send(PLATFORM, IMPORT, { body: csvOf(changed), type: 'text/csv', headers });
    expect(first.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const after = await snapshot();
    expect(after.versions.subsidy).toBe(2);
    const retry = await send(PLATFORM, IMPORT, { body: csvOf(changed), type: 'text/csv', headers });
    expect(retry.body).toMatchObject({ updated: 0, unchanged: 3 });
    expect(await snapshot()).toEqual(after);
  });

  it('answers 415 for other media types and 400 for an .xlsx that is not one', async () => {
    for (const type of ['application/json', 'text/plain']) {
      const res = await send(PLATFORM, IMPORT, { body: '{}', type });
      expect(res.status).toBe(415);
      expect(res.body.type).toBe('/problems/unsupported-media-type');
    }
    const fake = await send(PLATFORM, IMPORT, { body: 'not a zip', type: XLSX_TYPE });
    expect(fake.status).toBe(400);
    expect(fake.body.errors[0].path).toBe('file');
  });

  it('answers 404 to a city admin of another city, and for a city that does not exist', async () => {
    expect((await importCsv(csvOf(ROWS), '', XIAN_ADMIN)).status).toBe(404);
    expect((await send(XIAN_ADMIN, `${EXPORT}?format=csv`, { method: 'GET' })).status).toBe(404);
    const none = await send(PLATFORM, '/v1/cities/nowhere/catalogue:export', { method: 'GET' });
    expect(none.status).toBe(404);
  });

  it('does not take a slash for the colon', async () => {
    const res = await send(PLATFORM, '/v1/cities/nanjing/catalogue/import', {
      body: csvOf(ROWS),
      type: 'text/csv',
    });
    expect(res.status).toBe(404);
  });

  it('describes both routes in OpenAPI under their API.md paths', async () => {
    const doc = (await t.call(undefined, 'GET', '/openapi.json')).body;
    const imported = doc.paths['/v1/cities/{city}/catalogue:import']?.post;
    expect(imported.parameters.map((p: { name: string }) => p.name)).toEqual([
      'city',
      'dryRun',
      'Idempotency-Key',
    ]);
    expect(imported.summary).toContain('事项编码、事项名称、事项类型');
    expect(doc.paths['/v1/cities/{city}/catalogue:export']?.get).toBeDefined();
  });
});
