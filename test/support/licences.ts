import type { DevClaims } from '../../packages/local/src/issuer';
import type { TestApp } from './app';
import { DONGSHAN } from './authority';
import { PERSON_ID } from './cases';

const CASES = `/v1/tenants/${DONGSHAN}/cases`;

/**
 * `n` results of m6 issued to the applicant `PERSON_ID` and filed in the e-licence library as
 * the stream worker files them; answers their licence ids. Needs `seedCasePools` first (m6).
 */
export async function issuedLicences(
  t: TestApp,
  clerk: DevClaims,
  approver: DevClaims,
  n: number,
): Promise<string[]> {
  const must = async (as: DevClaims, method: string, path: string, body: unknown = {}) => {
    const res = await t.call(as, method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { caseNo } = await must(clerk, 'POST', CASES, {
      matter: 'm6',
      applicant: { kind: 'person', name: '王芳', idNumber: PERSON_ID },
      materials: [
        { code: 'form', provided: true },
        { code: 'copy', provided: true },
      ],
    });
    await must(approver, 'POST', `${CASES}/${caseNo}/decide`, { outcome: 'approve' });
    await must(clerk, 'POST', `${CASES}/${caseNo}/issue`, { delivery: 'window' });
    const result = (await t.services.cases.find(DONGSHAN, caseNo))?.state.result;
    if (!result) throw new Error(`no result for ${caseNo}`);
    await t.services.licences.fileIssued(
      [{ tenant: DONGSHAN, caseNo, supervisingBody: '', result }],
      result.issuedAt,
    );
    const licence = await t.services.licences.ofResult(result);
    if (!licence) throw new Error(`no licence for ${caseNo}`);
    ids.push(licence.id);
  }
  return ids;
}
