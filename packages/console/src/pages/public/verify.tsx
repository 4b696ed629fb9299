import type { Verification } from '@onewindow/api/contract';
import { qs, seg } from '../../api';
import type { ConsoleEnv } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, TextField } from '../../ui/form';
import { beijing } from '../../ui/format';
import { label } from '../../ui/labels';
import { page } from '../../ui/layout';
import { Submit } from '../../ui/table';

export const resultSealSrc = (caseNo: string) => `/console/public/results/${seg(caseNo)}/seal.svg`;

/**
 * Anyone holding a result checks it by its number: signature, and the seal valid when it was
 * applied; with the verification code printed on it, what the result says too.
 */
export function verifyRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/public/verify', async (c) => {
    const t = c.get('t');
    const caseNo = (c.req.query('caseNo') ?? '').trim();
    const code = (c.req.query('code') ?? '').trim();
    const r = caseNo
      ? await c
          .get('api')
          .send<Verification>('GET', `/v1/public/results/${seg(caseNo)}/verify${code ? qs({ code }) : ''}`)
      : undefined;
    const v = r?.ok ? r.data : undefined;
    return page(
      c,
      t.verify.title,
      <>
        <h1>{t.verify.title}</h1>
        <form method="get" action="/console/public/verify" class="stack card">
          <ErrorSummary c={c} problem={r && !r.ok ? r.problem : undefined} fields={['caseNo', 'code']} />
          <TextField
            c={c}
            state={{ values: { caseNo }, problem: r && !r.ok ? r.problem : undefined }}
            name="caseNo"
            label={t.cases.caseNo}
            required
          />
          <TextField
            c={c}
            state={{ values: { code }, problem: r && !r.ok ? r.problem : undefined }}
            name="code"
            label={t.verify.code}
          />
          <Submit label={t.verify.check} />
        </form>
        {v && (
          <section aria-labelledby="verdict" class="card">
            <h2 id="verdict" class={v.valid ? 'notice' : 'alert'}>
              {v.valid ? t.verify.valid : t.verify.invalid}
            </h2>
            {v.seal ? (
              <img
                class="imprint"
                src={resultSealSrc(v.caseNo)}
                alt={t.seals.imprintAlt(v.seal.name ?? v.seal.id)}
              />
            ) : (
              <p>{t.verify.summary}</p>
            )}
            <dl class="facts">
              <dt>{t.cases.caseNo}</dt>
              <dd>{v.caseNo}</dd>
              {v.matterName && (
                <>
                  <dt>{t.cases.matter}</dt>
                  <dd>{v.matterName}</dd>
                </>
              )}
              {v.outcome && (
                <>
                  <dt>{t.cases.decision}</dt>
                  <dd>{label(t, 'outcome', v.outcome)}</dd>
                </>
              )}
              {v.approvingBody && (
                <>
                  <dt>{t.verify.approvingBody}</dt>
                  <dd>{v.approvingBodyName ?? v.approvingBody}</dd>
                </>
              )}
              {v.decidedAt && (
                <>
                  <dt>{t.verify.decidedAt}</dt>
                  <dd>{beijing(v.decidedAt)}</dd>
                </>
              )}
              {v.issuedAt && (
                <>
                  <dt>{t.progress.issuedAt}</dt>
                  <dd>{beijing(v.issuedAt)}</dd>
                </>
              )}
              <dt>{t.verify.signature}</dt>
              <dd>
                <span class={`badge ${v.signature.status === 'valid' ? 'ok' : 'bad'}`}>
                  {label(t, 'signature', v.signature.status)}
                </span>{' '}
                {v.keyId && <code class="muted">{v.keyId}</code>}
              </dd>
              {v.seal && (
                <>
                  <dt>{t.verify.seal}</dt>
                  <dd>
                    <span class={`badge ${v.seal.validAtIssue ? 'ok' : 'bad'}`}>
                      {v.seal.validAtIssue ? t.verify.sealValid : t.verify.sealInvalid}
                    </span>{' '}
                    {v.seal.name ?? v.seal.id}
                    {v.seal.voidedAt && ` · ${t.verify.sealVoidedSince(beijing(v.seal.voidedAt))}`}
                  </dd>
                </>
              )}
            </dl>
          </section>
        )}
      </>,
      { status: r && !r.ok ? r.status : 200, bare: !c.get('session') },
    );
  });
  app.get('/console/public/results/:caseNo/seal.svg', async (c) => {
    const res = await c.get('api').raw(`/v1/public/results/${seg(c.req.param('caseNo'))}/seal.svg`);
    if (!res.ok) return c.body(null, 404);
    return c.body(await res.text(), 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'public, max-age=300',
    });
  });
  return app;
}

/** The verification page of a result; with its code (as the printed QR carries it) it shows what the result says. */
export const verifyHref = (caseNo: string, code?: string) =>
  `/console/public/verify${qs(code ? { caseNo, code } : { caseNo })}`;
