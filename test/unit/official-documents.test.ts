import { describe, expect, it } from 'vitest';
import {
  decisionPage,
  intakePage,
  officialParts,
  resultPage,
} from '../../packages/api/src/routes/cases/print';
import type { DocumentFacts } from '../../packages/app/src';
import { decisionSentence, decisionTitle } from '../../packages/documents/src';
import {
  type CaseEvent,
  type CaseState,
  evolve,
  formatDocumentNo,
  MATTER_TYPES,
  type SealedResult,
} from '../../packages/domain/src';

const TENANT = 'nanjing.jiangning.dongshan';
const CASE_NO = `${TENANT}-20260906-0007`;
const render = async (node: unknown): Promise<string> => String(await node);
const text = (html: string) => html.replace(/<[^>]+>/g, '');

const facts: DocumentFacts = {
  tenantName: '江宁区东山街道',
  hall: { address: '江宁区东山街道上元大街 1 号政务服务中心一楼', phone: '025-5210 0000' },
  matterType: 'payment',
  legalBasis: '《社会救助暂行办法》第四十七条',
  handler: '张丽',
  respondent: '东山街道便民服务中心',
  bodyName: '东山街道便民服务中心',
};

const base = {
  caseNo: CASE_NO,
  tenant: TENANT,
  matter: '040101001000',
  matterName: '临时救助金给付',
  applicant: { kind: 'person', name: '李明', idNumber: '320115198501011234' },
  status: 'rejected',
  version: 3,
  lastHash: '',
  queryCodeHash: '',
  receivedAt: '2026-09-06T01:05:00.000Z',
  receivedBy: 'dongshan-clerk',
  competent: true,
  materials: [],
  limits: { promisedDays: 5, statutoryDays: 20, onTheSpot: false, warnDays: 2, deficiencyLapse: 'terminate' },
  fees: [],
  notices: [],
  steps: [],
  findings: [],
  closedAt: '2026-09-06T02:00:00.000Z',
  closing: { reason: '申请人不具备申请资格' },
  documents: { rejection: '不予受理〔2026〕第3号' },
} as unknown as CaseState;

describe('document numbers (文号)', () => {
  it('read register, year and number, and stay on the case once its event carries one', () => {
    expect(formatDocumentNo('acceptance', '2026', 12)).toBe('受理〔2026〕第12号');
    const received = { type: 'received', at: base.receivedAt, actor: 'c', ...base } as unknown as CaseEvent;
    let s = evolve(undefined, received);
    s = evolve(s, {
      type: 'rejected',
      at: base.receivedAt,
      actor: 'c',
      reason: 'x',
      docNo: '不予受理〔2026〕第3号',
    });
    s = evolve(s, { type: 'rated', at: base.receivedAt, actor: 'c', level: 5 });
    expect(s.documents).toEqual({ rejection: '不予受理〔2026〕第3号' });
  });
});

describe('the decision wording follows the matter type, naming the applicant', () => {
  const d = { applicantName: '李明', matterName: '某事项', outcome: 'approve' as const };
  it.each([
    ['licence', '准予行政许可决定书', '决定准予许可'],
    ['payment', '准予给付决定书', '决定准予给付，给付金额为人民币800.00元'],
    ['confirmation', '行政确认决定书', '决定予以确认'],
    ['filing', '准予备案通知书', '准予备案'],
  ] as const)('%s: %s', (matterType, title, words) => {
    expect(decisionTitle('zh', { outcome: 'approve', matterType })).toBe(title);
    const sentence = decisionSentence('zh', { ...d, matterType, amount: 800 });
    expect(sentence).toContain(words);
    expect(sentence.startsWith('李明申请的“某事项”')).toBe(true);
    expect(sentence).not.toContain('你（单位）');
  });
  it('has a title and words for every matter type, granted and refused, in both languages', () => {
    for (const matterType of MATTER_TYPES)
      for (const outcome of ['approve', 'deny'] as const)
        for (const lang of ['zh', 'en'] as const) {
          expect(decisionTitle(lang, { outcome, matterType })).not.toBe('');
          expect(decisionSentence(lang, { ...d, outcome, matterType })).toContain('李明');
        }
  });
});

describe('official documents print their number, basis, hall, handler, acknowledgement and seal', () => {
  it('the decision not to accept states the remedies naming the reconsideration respondent', async () => {
    const html = await render(
      intakePage(base, facts.bodyName, 'rejection', 'zh', officialParts(base, 'rejection', facts, true)),
    );
    const t = text(html);
    expect(t).toContain('不予受理决定书');
    expect(t).toContain('文号：不予受理〔2026〕第3号');
    expect(t).toContain('法律依据：《社会救助暂行办法》第四十七条');
    expect(t).toContain('六十日内');
    expect(t).toContain('六个月内');
    expect(t).toContain('被申请人：东山街道便民服务中心');
    expect(t).toContain('承办人：张丽');
    expect(t).toContain('咨询电话：025-5210 0000');
    expect(t).toContain('签收栏');
    expect(html).toContain('<svg class="imprint"');
  });

  it('the notice of acceptance carries its number and no remedies', async () => {
    const accepted = {
      ...base,
      status: 'accepted',
      acceptedAt: '2026-09-06T01:10:00.000Z',
      documents: { acceptance: '受理〔2026〕第7号' },
    } as CaseState;
    const t = text(
      await render(
        intakePage(
          accepted,
          facts.bodyName,
          'receipt',
          'zh',
          officialParts(accepted, 'acceptance', facts, false),
        ),
      ),
    );
    expect(t).toContain('受理通知书');
    expect(t).toContain('文号：受理〔2026〕第7号');
    expect(t).toContain('决定予以受理');
    expect(t).not.toContain('行政复议');
  });

  it('a granted payment states its amount; a refusal its reasons and remedies', async () => {
    const decided = (outcome: 'approve' | 'deny') =>
      ({
        ...base,
        status: outcome === 'approve' ? 'approved' : 'denied',
        decision: {
          outcome,
          at: '2026-09-09T02:00:00.000Z',
          by: 'dongshan-approver',
          ...(outcome === 'approve' ? { amount: 800 } : { reasons: '家庭收入超过标准' }),
        },
        documents: { decision: '决定〔2026〕第5号' },
      }) as CaseState;
    const granted = text(await render(decisionPage(decided('approve'), facts)));
    expect(granted).toContain('准予给付决定书');
    expect(granted).toContain(
      '李明申请的“临时救助金给付”，经审查，符合法定条件、标准，决定准予给付，给付金额为人民币800.00元。',
    );
    expect(granted).toContain('文号：决定〔2026〕第5号');
    expect(granted).not.toContain('行政复议');
    const refused = text(await render(decisionPage(decided('deny'), facts)));
    expect(refused).toContain('不予给付决定书');
    expect(refused).toContain('理由：家庭收入超过标准');
    expect(refused).toContain('被申请人：东山街道便民服务中心');
  });

  it('the sealed result keeps its verification and adds the number and basis', async () => {
    const result: SealedResult = {
      caseNo: CASE_NO,
      tenant: TENANT,
      matter: '040101001000',
      matterName: '临时救助金给付',
      applicantName: '李明',
      outcome: 'approve',
      decidedAt: '2026-09-09T02:00:00.000Z',
      issuedAt: '2026-09-10T03:00:00.000Z',
      approvingBody: `${TENANT}/convenience-centre`,
      seal: { id: 'service-seal', body: `${TENANT}/convenience-centre`, tenant: TENANT },
      keyId: 'key-2026',
      signature: 'c2lnbmF0dXJl',
      delivery: 'window',
    };
    const state = {
      ...base,
      result,
      decision: { outcome: 'approve', at: result.decidedAt, by: 'a', amount: 800 },
      documents: { result: '出件〔2026〕第2号' },
    } as CaseState;
    const { seal: _s, ...official } = officialParts(state, 'result', facts, false);
    const t = text(
      await render(
        resultPage(state, {
          bodyName: '东山街道便民服务中心',
          sealName: '业务章',
          verifyUrl: 'https://x/v',
          facts,
          official,
        }),
      ),
    );
    expect(t).toContain('准予给付决定书');
    expect(t).toContain('文号：出件〔2026〕第2号');
    expect(t).toContain('法律依据：《社会救助暂行办法》第四十七条');
    expect(t).toContain('给付金额为人民币800.00元');
    expect(t).toContain('签收栏');
  });
});
