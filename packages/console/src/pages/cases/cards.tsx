import type { Card } from '@onewindow/api/contract';
import { CARD_COLOURS, CARD_STATUSES } from '@onewindow/domain';
import { CardContestInput, CardReviewInput, CardUrgeInput } from '../../../../api/src/evaluation-schemas';
import { qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { type Messages, pick } from '../../i18n';
import { ErrorSummary, type FormState, one, readForm, SelectField, TextArea } from '../../ui/form';
import { fieldNames, fieldOf, formSpec } from '../../ui/form-spec';
import { beijing } from '../../ui/format';
import { label } from '../../ui/labels';
import { Csrf, Done, page } from '../../ui/layout';
import { Head, Submit } from '../../ui/table';
import { bodyNames } from '../tenant/bodies';

const specs = {
  contest: formSpec(CardContestInput),
  review: formSpec(CardReviewInput),
  urge: formSpec(CardUrgeInput),
} as const;
type Action = keyof typeof specs;
const isAction = (a: string): a is Action => a in specs;
const BADGE: Readonly<Record<string, string>> = { yellow: 'yellow', red: 'red' };

/** What raised the card (R19), with its step or event when it has one. */
const triggerOf = (x: Messages['cards'], card: Card): string =>
  `${x.trigger[card.trigger] ?? card.trigger}${card.subject ? x.subject(card.trigger, card.subject) : ''}`;

/** R19: the tenant's cards, filtered by colour and status, each linked to its proof. */
async function cardsPage(c: Ctx) {
  const t = c.get('t');
  const x = t.cards;
  const tenant = c.req.param('tenant') ?? '';
  const colour = CARD_COLOURS.find((k) => k === c.req.query('colour'));
  const status = CARD_STATUSES.find((k) => k === c.req.query('status'));
  const { items } = await c
    .get('api')
    .get<{ items: Card[] }>(`/v1/tenants/${seg(tenant)}/cards${qs({ colour, status })}`);
  const name = await bodyNames(c, [tenant]);
  return page(
    c,
    x.title,
    <>
      <h1>{x.title}</h1>
      <p>{x.intro}</p>
      <form method="get" class="row no-print" aria-label={x.filter}>
        <label>
          {x.filter}{' '}
          <select name="colour" aria-label={x.anyColour}>
            <option value="">{x.anyColour}</option>
            {CARD_COLOURS.map((k) => (
              <option value={k} selected={k === colour}>
                {x.colour[k]}
              </option>
            ))}
          </select>
        </label>{' '}
        <select name="status" aria-label={x.anyStatus}>
          <option value="">{x.anyStatus}</option>
          {CARD_STATUSES.map((k) => (
            <option value={k} selected={k === status}>
              {x.status[k]}
            </option>
          ))}
        </select>{' '}
        <Submit label={x.filter} />
      </form>
      {items.length === 0 ? (
        <p>{x.none}</p>
      ) : (
        <table>
          <caption>{t.cases.caption(items.length)}</caption>
          <Head cols={[x.case, t.cases.status, x.body, x.since, x.open]} />
          <tbody>
            {items.map((card) => (
              <tr>
                <th scope="row">
                  <span class={`badge ${BADGE[card.colour] ?? ''}`}>{x.colour[card.colour]}</span>{' '}
                  {triggerOf(x, card)} · {card.matterName}
                  <br />
                  <code>{card.caseNo}</code>
                </th>
                <td>{x.status[card.status]}</td>
                <td>{card.body ? name(card.body) : '—'}</td>
                <td>{card.since}</td>
                <td>
                  <a href={`/console/tenants/${seg(tenant)}/cards/${seg(card.id)}`}>{x.open}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
  );
}

/** One card: its proof day by day, and the contest, review and urge forms its reader may use. */
async function cardPage(c: Ctx, failed?: { action: Action; state: FormState }, status = 200) {
  const t = c.get('t');
  const x = t.cards;
  const tenant = c.req.param('tenant') ?? '';
  const id = c.req.param('cardId') ?? '';
  const card = await c.get('api').get<Card>(`/v1/tenants/${seg(tenant)}/cards/${seg(id)}`);
  const name = await bodyNames(c, [tenant]);
  const roles = new Set<string>(c.get('session')?.claims.roles ?? []);
  const admin = ['tenant-admin', 'city-admin', 'platform-admin'].some((r) => roles.has(r));
  const p = card.proof;
  const ok = c.req.query('ok');
  const form = (action: Action, title: string, fields: (s: FormState) => unknown) => {
    const state: FormState = failed?.action === action ? failed.state : { values: {} };
    return (
      <form
        method="post"
        action={`/console/tenants/${seg(tenant)}/cards/${seg(id)}/${action}`}
        class="stack card no-print"
        aria-label={title}
      >
        <h2>{title}</h2>
        {failed?.action === action && (
          <ErrorSummary c={c} problem={failed.state.problem} fields={fieldNames(specs[action])} />
        )}
        <Csrf c={c} />
        {fields(state)}
        <Submit label={title} />
      </form>
    );
  };
  return page(
    c,
    x.cardTitle(card.caseNo),
    <>
      <h1>{x.cardTitle(card.caseNo)}</h1>
      <Done
        text={
          ok === 'contest' ? x.contested : ok === 'review' ? x.reviewed : ok === 'urge' ? x.urged : undefined
        }
      />
      <dl class="facts">
        <dt>{x.colour[card.colour]}</dt>
        <dd>
          <span class={`badge ${BADGE[card.colour] ?? ''}`}>{triggerOf(x, card)}</span> {card.matterName} ·{' '}
          <a href={`/console/tenants/${seg(tenant)}/cases/${seg(card.caseNo)}`}>{card.caseNo}</a>
        </dd>
        <dt>{t.cases.status}</dt>
        <dd>{x.status[card.status]}</dd>
        <dt>{x.body}</dt>
        <dd>{card.body ? name(card.body) : '—'}</dd>
        <dt>{x.since}</dt>
        <dd>{card.since}</dd>
        {card.contest && (
          <>
            <dt>{x.contest}</dt>
            <dd>
              {card.contest.reasons}（{beijing(card.contest.at)}）
            </dd>
          </>
        )}
        {card.review && (
          <>
            <dt>{x.review}</dt>
            <dd>
              <strong>{x.outcomes[card.review.outcome]}</strong>：{card.review.reason}（
              {beijing(card.review.at)}）
            </dd>
          </>
        )}
        {(card.urges ?? []).length > 0 && (
          <>
            <dt>{x.urges}</dt>
            <dd>
              <ul>
                {(card.urges ?? []).map((u) => (
                  <li>
                    {beijing(u.at)} · {u.note}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {card.evidence && (
        <section class="card" aria-labelledby="evidence">
          <h2 id="evidence">{x.evidence}</h2>
          <p>{x.evidenceIntro}</p>
          {card.detail && (
            <dl class="facts">
              <dt>{x.detail}</dt>
              <dd>{pick(c.get('lang'), card.detail.zh, card.detail.en)}</dd>
            </dl>
          )}
          <table>
            <caption>{x.evidence}</caption>
            <Head cols={[x.seq, x.eventType, x.time, x.hash]} />
            <tbody>
              {card.evidence.map((e) => (
                <tr>
                  <th scope="row">{e.seq}</th>
                  <td>
                    {label(t, 'eventType', e.type)} <code>{e.type}</code>
                  </td>
                  <td>{beijing(e.at)}</td>
                  <td>
                    <code>{e.hash}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {p && (
        <section class="card" aria-labelledby="proof">
          <h2 id="proof">{x.proof}</h2>
          <p>{x.proofIntro}</p>
          <dl class="facts">
            {p.stepId && (
              <>
                <dt>{x.limit.step}</dt>
                <dd>{p.stepId}</dd>
              </>
            )}
            <dt>{x.start}</dt>
            <dd>
              {p.start} · {x.event(p.startEvent.seq, p.startEvent.type)}
            </dd>
            <dt>{x.allowed}</dt>
            <dd>{p.allowed}</dd>
            {p.extension && (
              <>
                <dt>{x.extension}</dt>
                <dd>
                  +{p.extension.days} · {x.event(p.extension.event.seq, p.extension.event.type)}
                </dd>
              </>
            )}
            {p.pauses.length > 0 && (
              <>
                <dt>{x.pauses}</dt>
                <dd>
                  {p.pauses.map((s) => (
                    <>
                      {s.stepId}: +{s.workingDays} · {x.event(s.from.seq, s.from.type)}
                      {s.to ? ` – ${x.event(s.to.seq, s.to.type)}` : ''}
                      <br />
                    </>
                  ))}
                </dd>
              </>
            )}
            <dt>{x.deadline}</dt>
            <dd>
              {p.deadline} · {x.left(p.workingDaysLeft)}（{p.today}）
              {p.calendars.some((k) => k.provisional) ? ` ${x.provisional}` : ''}
            </dd>
          </dl>
          <table>
            <caption>{x.proof}</caption>
            <Head cols={[x.date, x.kind, x.counted]} />
            <tbody>
              {p.days.map((d) => (
                <tr class={d.date === p.deadline ? 'current' : undefined}>
                  <th scope="row">{d.date}</th>
                  <td>{d.pausedBy ? x.pausedBy(d.pausedBy) : x.dayKind[d.kind]}</td>
                  <td>{d.counted ? x.yes : x.no}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {card.status === 'raised' &&
        (admin || roles.has('approver')) &&
        form('contest', x.contest, (s) => (
          <TextArea c={c} state={s} spec={fieldOf(specs.contest, 'reasons')} label={x.reasons} rows={3} />
        ))}
      {(card.status === 'raised' || card.status === 'contested') &&
        (admin || roles.has('inspector')) &&
        form('review', x.review, (s) => (
          <>
            <SelectField
              c={c}
              state={s}
              spec={fieldOf(specs.review, 'outcome')}
              label={x.outcome}
              options={(['upheld', 'withdrawn'] as const).map((o) => ({
                value: o,
                label: x.outcomes[o] ?? o,
              }))}
            />
            <TextArea c={c} state={s} spec={fieldOf(specs.review, 'reason')} label={x.reason} rows={3} />
          </>
        ))}
      {card.status !== 'withdrawn' &&
        (admin || roles.has('inspector')) &&
        form('urge', x.urge, (s) => (
          <TextArea c={c} state={s} spec={fieldOf(specs.urge, 'note')} label={x.note} rows={2} />
        ))}
    </>,
    { status },
  );
}

export function cardRoutes() {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/tenants/:tenant/cards', (c) => cardsPage(c));
  app.get('/console/tenants/:tenant/cards/:cardId', (c) => cardPage(c));
  app.post('/console/tenants/:tenant/cards/:cardId/:action', async (c) => {
    const tenant = c.req.param('tenant');
    const id = c.req.param('cardId');
    const action = c.req.param('action');
    if (!isAction(action)) return c.notFound();
    const { values } = await readForm(c);
    const body =
      action === 'contest'
        ? { reasons: one(values, 'reasons') }
        : action === 'review'
          ? { outcome: one(values, 'outcome'), reason: one(values, 'reason') }
          : { note: one(values, 'note') };
    const res = await c
      .get('api')
      .send('POST', `/v1/tenants/${seg(tenant)}/cards/${seg(id)}/${action}`, body);
    if (res.ok) return c.redirect(`/console/tenants/${seg(tenant)}/cards/${seg(id)}?ok=${action}`, 303);
    return cardPage(c, { action, state: { values, problem: res.problem } }, res.status);
  });
  return app;
}
