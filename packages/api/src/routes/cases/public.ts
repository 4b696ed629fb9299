import {
  APPLICANT_ACTOR,
  type AuthorityPeriod,
  authorityAt,
  type CaseResult,
  canonicalJson,
  cityOfTenant,
  type LocalMatterSettings,
  MATTER_TYPE_NAMES,
  parseBodyRef,
  parseCaseNo,
  queryCodeHash,
  SPECIAL_STEP_NAMES,
  sealImprintSvg,
  sealUsableAt,
  toInstant,
} from '@onewindow/domain';
import {
  AuthorityRepository,
  CatalogueRepository,
  type Store,
  type StoredCase,
  type StoredMatter,
  TenancyRepository,
  tenantPk,
} from '@onewindow/store';
import { ProgressQuery, RatingInput } from '../../case-schemas';
import { Problem } from '../../problem';
import { defineRoute, type RouteSpec } from '../../route';
import { CaseService } from '../../services/cases';
import { progressView } from './views';

/**
 * A case a member of the public may see: the number names the tenant, the query code
 * must match. A wrong code answers exactly like a missing case, so codes cannot be probed.
 */
async function caseForPublic(svc: CaseService, caseNo: string, code: string): Promise<StoredCase> {
  const { tenant } = parseCaseNo(caseNo);
  const stored = await svc.repo.get(tenant, caseNo);
  if (!stored || stored.state.queryCodeHash !== queryCodeHash(caseNo, code)) {
    throw new Problem('not-found', {
      detail: '办件编号或查询码不正确',
      detailEn: 'wrong case number or query code',
    });
  }
  return stored;
}

/** What art. 30 requires a hall to display for a matter, as this tenant handles it under `period`. */
function guideEntry(
  m: StoredMatter,
  period: AuthorityPeriod,
  local: LocalMatterSettings,
  names: ReadonlyMap<string, string>,
) {
  return {
    code: m.code,
    name: m.name,
    type: m.type,
    typeName: MATTER_TYPE_NAMES[m.type],
    implementingBody: { ref: period.body, name: names.get(period.body) ?? period.body },
    mode: period.mode,
    window: local.windowLocation ?? names.get(period.windowBody ?? period.body) ?? '综合受理窗口',
    legalBasis: m.legalBasis,
    items: m.items,
    materials: m.materials.map((x) => ({ code: x.code, name: x.name, core: x.core })),
    fees: local.fees ?? m.fees,
    statutoryDays: m.statutoryDays,
    promisedDays: local.promisedDays ?? m.promisedDays,
    onTheSpot: m.onTheSpot,
    procedure: [
      '综合窗口收件（材料不全的一次性告知）',
      '受理',
      '后台审查',
      ...(m.specialSteps ?? []).map((s) => `${SPECIAL_STEP_NAMES[s.kind]}（不计入办理时限）`),
      '作出决定',
      '统一窗口出件',
    ],
    supervisingBody: period.supervisingBody,
  };
}

/** The tenant (404 when unknown), its bodies' names and its matter settings: what every guide page needs. */
async function guideContext(store: Store, tenant: string) {
  const tenancy = new TenancyRepository(store);
  const [found, bodies, settings] = await Promise.all([
    tenancy.tenant(tenant),
    tenancy.bodies(tenant),
    new CatalogueRepository(store).settings(tenant),
  ]);
  if (!found) throw new Problem('not-found');
  const names = new Map(bodies.map((b) => [`${b.tenant}/${b.code}`, b.name]));
  return { tenant: { id: found.id, name: found.name }, names, settings };
}

/** The whole guide: every matter the tenant holds now. */
async function guide(store: Store, tenant: string, now: string) {
  const [ctx, periods, matters] = await Promise.all([
    guideContext(store, tenant),
    new AuthorityRepository(store).all(tenant),
    new CatalogueRepository(store).matters(cityOfTenant(tenant)),
  ]);
  const byMatter = new Map<string, AuthorityPeriod[]>();
  for (const p of periods) byMatter.set(p.matter, [...(byMatter.get(p.matter) ?? []), p]);
  const entries = [];
  for (const m of matters) {
    const period = authorityAt(byMatter.get(m.code) ?? [], now);
    if (period) entries.push(guideEntry(m, period, ctx.settings.get(m.code) ?? {}, ctx.names));
  }
  return { tenant: ctx.tenant, at: now, matters: entries };
}

/** Checks a result's signature and seal; says which part fails, never why in detail. */
function verification(stored: StoredCase, deps: Parameters<RouteSpec['handler']>[0]['deps']) {
  const r = stored.state.result;
  if (!r) return undefined;
  const { signature, delivery: _d, ...signed } = r;
  const result: CaseResult = signed;
  const signer = deps.signer;
  const signatureValid =
    signer !== undefined && signer.keyId === r.keyId && signer.verify(canonicalJson(result), signature);
  return { signatureValid, keyKnown: signer?.keyId === r.keyId };
}

export const publicRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: 'get',
    path: '/v1/public/cities',
    tag: 'public',
    summary: '城市列表',
    summaryEn: 'The cities, where the public starts looking for a service centre',
    access: 'public',
    success: 200,
    handler: async ({ deps }) => ({
      status: 200,
      body: {
        items: (await new TenancyRepository(deps.store).cities()).map((c) => ({ id: c.id, name: c.name })),
      },
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/cities/:city/tenants',
    tag: 'public',
    summary: '服务中心列表（办事指南入口）',
    summaryEn: 'The service centres of a city, where the public picks a service guide',
    access: 'public',
    success: 200,
    handler: async ({ deps, params }) => {
      const tenancy = new TenancyRepository(deps.store);
      const city = await tenancy.city(params.city ?? '');
      if (!city) throw new Problem('not-found');
      const tenants = await tenancy.tenants(city.id);
      return {
        status: 200,
        body: {
          city: { id: city.id, name: city.name },
          items: tenants.map((t) => ({
            id: t.id,
            name: t.name,
            kind: t.kind,
            ...(t.parent ? { parent: t.parent } : {}),
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/:tenant/guide',
    tag: 'public',
    summary: '办事指南（第三十条公示内容）',
    summaryEn: 'Service guide of a tenant: what art. 30 requires a hall to display',
    access: 'public',
    success: 200,
    handler: async ({ deps, params, now }) => {
      const g = await guide(deps.store, params.tenant ?? '', now);
      return {
        status: 200,
        body: {
          ...g,
          matters: g.matters.map((m) => ({
            code: m.code,
            name: m.name,
            typeName: m.typeName,
            implementingBody: m.implementingBody,
            window: m.window,
            promisedDays: m.promisedDays,
            onTheSpot: m.onTheSpot,
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/:tenant/guide/:code',
    tag: 'public',
    summary: '单个事项办事指南',
    summaryEn: 'Service guide of one matter',
    access: 'public',
    success: 200,
    handler: async ({ deps, params, now }) => {
      // One matter: its own period and definition, not the whole guide.
      const tenant = params.tenant ?? '';
      const code = params.code ?? '';
      const [ctx, period, m] = await Promise.all([
        guideContext(deps.store, tenant),
        new AuthorityRepository(deps.store).at(tenant, code, now),
        new CatalogueRepository(deps.store).matter(cityOfTenant(tenant), code),
      ]);
      if (!period || !m) throw new Problem('not-found', { detailEn: `no matter '${code}' here now` });
      return {
        status: 200,
        body: { tenant: ctx.tenant, ...guideEntry(m, period, ctx.settings.get(code) ?? {}, ctx.names) },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/cases/:caseNo',
    tag: 'public',
    summary: '办件进度查询（办件编号＋查询码）',
    summaryEn: 'Case progress by case number and query code',
    access: 'public',
    query: ProgressQuery,
    success: 200,
    handler: async ({ deps, params, query }) => {
      const stored = await caseForPublic(new CaseService(deps.store), params.caseNo ?? '', query.code ?? '');
      return { status: 200, body: progressView(stored) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/public/cases/:caseNo/rating',
    tag: 'public',
    summary: '好差评（1–5级；1、2级生成整改任务）',
    summaryEn: 'Rate the service 1–5 after issuance; 1 or 2 opens a rectification due in 5 working days',
    access: 'public',
    body: RatingInput,
    success: 200,
    handler: async ({ deps, params, body, now }) => {
      const svc = new CaseService(deps.store);
      const stored = await caseForPublic(svc, params.caseNo ?? '', body.code);
      const s = stored.state;
      // A repeated submission of the same rating answers as the first did: a retry is not a second rating.
      if (s.rating && s.rating.level === body.level && (s.rating.comment ?? '') === (body.comment ?? '')) {
        return { status: 200, body: progressView(stored) };
      }
      const calendarFor = await svc.calendar(s.tenant);
      // The audit record goes to the case's tenant, not to the platform, though no one signed in.
      return svc.apply(
        stored,
        { type: 'rate', level: body.level, ...(body.comment ? { comment: body.comment } : {}) },
        APPLICANT_ACTOR,
        now,
        calendarFor,
        (command) =>
          deps.store.commit({ ...command, actor: APPLICANT_ACTOR.sub, at: now, scopePk: tenantPk(s.tenant) }),
        ({ stored: after }) => ({ status: 200, body: progressView(after) }),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/results/:caseNo/verify',
    tag: 'public',
    summary: '验证办理结果（签名与印章）',
    summaryEn: 'Verify a result: whether its signature and seal hold',
    access: 'public',
    success: 200,
    handler: async ({ deps, params }) => {
      const caseNo = params.caseNo ?? '';
      const { tenant } = parseCaseNo(caseNo);
      const stored = await new CaseService(deps.store).repo.get(tenant, caseNo);
      const r = stored?.state.result;
      const check = stored && verification(stored, deps);
      if (!r || !check)
        throw new Problem('not-found', {
          detail: '没有该编号的办理结果',
          detailEn: 'no result with this number',
        });
      const seal = await new CatalogueRepository(deps.store).seal(r.seal.tenant, r.seal.id);
      const issuedAt = toInstant(r.issuedAt);
      const sealValid = seal !== undefined && seal.body === r.seal.body && sealUsableAt(seal, issuedAt);
      return {
        status: 200,
        body: {
          caseNo,
          valid: check.signatureValid && sealValid,
          signature: check.signatureValid ? 'valid' : check.keyKnown ? 'invalid' : 'unknown-key',
          seal: {
            id: r.seal.id,
            body: r.seal.body,
            name: seal?.name,
            validAtIssue: sealValid,
            ...(seal?.voidedAt ? { voidedAt: seal.voidedAt } : {}),
            imprint: `/v1/public/results/${caseNo}/seal.svg`,
          },
          matterName: r.matterName,
          outcome: r.outcome,
          approvingBody: r.approvingBody,
          decidedAt: r.decidedAt,
          issuedAt: r.issuedAt,
          keyId: r.keyId,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/results/:caseNo/seal.svg',
    tag: 'public',
    summary: '结果所盖印章印模',
    summaryEn: 'The imprint of the seal on a result',
    access: 'public',
    success: 200,
    produces: 'image/svg+xml',
    handler: async ({ c, deps, params }) => {
      const caseNo = params.caseNo ?? '';
      const stored = await new CaseService(deps.store).repo.get(parseCaseNo(caseNo).tenant, caseNo);
      const r = stored?.state.result;
      if (!r) throw new Problem('not-found');
      const [seal, body] = await Promise.all([
        new CatalogueRepository(deps.store).seal(r.seal.tenant, r.seal.id),
        new TenancyRepository(deps.store).body(
          parseBodyRef(r.seal.body).tenant,
          parseBodyRef(r.seal.body).code,
        ),
      ]);
      const svg = sealImprintSvg({
        bodyName: body?.name ?? r.seal.body,
        sealName: seal?.name ?? r.seal.id,
        id: r.seal.id,
        voided: false,
      });
      return c.body(svg, 200, {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'public, max-age=300',
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/public/keys',
    tag: 'public',
    summary: '结果签名公钥',
    summaryEn: 'The public keys results are signed with (Ed25519, SPKI base64url)',
    access: 'public',
    success: 200,
    handler: async ({ deps }) => ({
      status: 200,
      body: {
        keys: deps.signer ? [{ keyId: deps.signer.keyId, alg: 'Ed25519', spki: deps.signer.publicKey }] : [],
      },
    }),
  }),
];
