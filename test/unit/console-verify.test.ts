import { describe, expect, it } from 'vitest';
import { consoleHarness, recordingApi } from '../support/console';

const CASE_NO = 'nanjing.jiangning.dongshan-20261201-0001';
const summary = { caseNo: CASE_NO, disclosure: 'summary', valid: true, signature: 'valid' };
const full = {
  ...summary,
  disclosure: 'full',
  seal: {
    id: 'centre-seal',
    body: 'nanjing.jiangning.dongshan/convenience-centre',
    name: '东山街道便民服务中心行政审批专用章',
    validAtIssue: true,
    imprint: `/v1/public/results/${CASE_NO}/seal.svg`,
  },
  matterName: '社会团体成立登记',
  outcome: 'approve',
  approvingBody: 'nanjing.jiangning.dongshan/convenience-centre',
  decidedAt: '2026-12-01T02:00:00.000Z',
  issuedAt: '2026-12-01T03:00:00.000Z',
  keyId: 'k1',
};

/** The public verify page (issue 11, finding 6): without the code only the verdict, with it the result. */
describe('the console verify page', () => {
  const { api, seen, asApi } = recordingApi();
  api.get('/v1/public/results/:no/verify', (c) => c.json(c.req.query('code') ? full : summary));
  const { request } = consoleHarness(asApi(), []);

  it('without a code shows the verdict and asks for the code, nothing of the result', async () => {
    const html = await (await request(`/console/public/verify?caseNo=${CASE_NO}`)).text();
    expect(html).toContain('核验通过');
    expect(html).toContain('name="code"');
    expect(html).not.toContain('社会团体成立登记');
    expect(html).not.toContain('class="imprint"');
  });

  it('with the code passes it to the API and shows what the result says', async () => {
    const html = await (await request(`/console/public/verify?caseNo=${CASE_NO}&code=ABCD-EFGH`)).text();
    expect(seen.at(-1)?.query).toBe('?code=ABCD-EFGH');
    expect(html).toContain('社会团体成立登记');
    expect(html).toContain('class="imprint"');
  });
});
