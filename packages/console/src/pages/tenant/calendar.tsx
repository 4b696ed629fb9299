import type { TenantCalendar } from '@onewindow/api/contract';
import { CalendarInput, WORKING_DAYS_SPAN, WorkingDaysQuery } from '../../../../api/src/schemas';
import { type ApiResult, qs, seg } from '../../api';
import type { ConsoleEnv, Ctx } from '../../env';
import { Hono } from '../../hono';
import { ErrorSummary, type FormState, one, TextArea, TextField } from '../../ui/form';
import { formRoute } from '../../ui/form-route';
import { fieldOf, formSpec } from '../../ui/form-spec';
import { beijingDate } from '../../ui/format';
import { Csrf, Done, page } from '../../ui/layout';
import { Submit } from '../../ui/table';

const calendarSpec = formSpec(CalendarInput);
const workingDaysSpec = formSpec(WorkingDaysQuery);

const p2 = (n: number) => String(n).padStart(2, '0');

/** One month as a table: rest days (holidays and weekends not made up) and make-up working days marked. */
function Month({ c, year, month, cal }: { c: Ctx; year: number; month: number; cal: TenantCalendar }) {
  const t = c.get('t');
  const holidays = new Set(cal.holidays);
  const workdays = new Set(cal.workdays);
  const first = new Date(Date.UTC(year, month, 1));
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  // Weeks start on Monday, as Chinese calendars print them.
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (number | undefined)[] = [
    ...Array.from({ length: lead }, () => undefined),
    ...Array.from({ length: days }, (_, i) => i + 1),
  ];
  const weeks: (number | undefined)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return (
    <table class="month">
      <caption>{t.calendar.month(year, month + 1)}</caption>
      <thead>
        <tr>
          {t.calendar.weekdays.map((w) => (
            <th scope="col">{w}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr>
            {w.map((d, i) => {
              if (d === undefined) return <td />;
              const date = `${year}-${p2(month + 1)}-${p2(d)}`;
              const weekend = i >= 5;
              const rest = holidays.has(date) || (weekend && !workdays.has(date));
              const mark = holidays.has(date)
                ? t.calendar.holidayMark
                : workdays.has(date)
                  ? t.calendar.workdayMark
                  : '';
              return (
                <td
                  class={
                    holidays.has(date) ? 'bad' : workdays.has(date) ? 'warn' : rest ? 'muted' : undefined
                  }
                >
                  {d}
                  {mark && (
                    <abbr title={holidays.has(date) ? t.calendar.holiday : t.calendar.workday}>{mark}</abbr>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function calendarPage(c: Ctx, state: FormState, status: number) {
  const t = c.get('t');
  const tenant = c.req.param('tenant') ?? '';
  const now = c.get('options').now?.() ?? new Date();
  const year = Number(c.req.query('year') ?? beijingDate(now).slice(0, 4));
  const api = c.get('api');
  const cal = await api.send<TenantCalendar>('GET', `/v1/tenants/${seg(tenant)}/calendar/${year}`);
  const from = c.req.query('from');
  const days = c.req.query('days');
  const computed: ApiResult<{ date: string; provisional: boolean }> | undefined =
    from || days
      ? await api.send('GET', `/v1/tenants/${seg(tenant)}/calendar/working-days${qs({ from, days })}`)
      : undefined;
  const here = `/console/tenants/${seg(tenant)}/calendar`;
  // Unless a refusal brings the typed values back, the form starts from the stored overrides.
  const form: FormState = state.problem
    ? state
    : {
        values: cal.ok
          ? {
              holidays: (cal.data.override?.holidays ?? []).join('\n'),
              workdays: (cal.data.override?.workdays ?? []).join('\n'),
            }
          : {},
      };
  return page(
    c,
    t.calendar.title(year),
    <>
      <h1>{t.calendar.title(year)}</h1>
      <p class="actions no-print">
        <a href={`${here}?year=${year - 1}`}>{t.calendar.prev}</a>
        <a href={`${here}?year=${year + 1}`}>{t.calendar.next}</a>
      </p>
      <Done text={c.req.query('ok') ? t.calendar.saved : undefined} />
      {!cal.ok ? (
        <ErrorSummary c={c} problem={cal.problem} />
      ) : (
        <>
          <p>{t.calendar.source(cal.data.source, cal.data.holidays.length, cal.data.workdays.length)}</p>
          {cal.data.provisional && (
            <p class="notice warn" role="note">
              {t.calendar.provisional}
            </p>
          )}
          <div class="grid">
            {Array.from({ length: 12 }, (_, m) => (
              <Month c={c} year={year} month={m} cal={cal.data} />
            ))}
          </div>
        </>
      )}
      <section aria-labelledby="calc" class="card no-print">
        <h2 id="calc">{t.calendar.calcTitle}</h2>
        {computed && !computed.ok && <ErrorSummary c={c} problem={computed.problem} />}
        {computed?.ok && (
          <p class="notice" role="status">
            {t.calendar.calcResult(from ?? '', days ?? '', computed.data.date)}
            {computed.data.provisional && t.calendar.calcProvisional}
          </p>
        )}
        <form method="get" action={here} class="stack">
          <input type="hidden" name="year" value={String(year)} />
          <TextField
            c={c}
            state={{
              values: { from: from ?? beijingDate(now), days: days ?? '' },
              problem: computed && !computed.ok ? computed.problem : undefined,
            }}
            spec={fieldOf(workingDaysSpec, 'from')}
            type="date"
            label={t.calendar.from}
          />
          <TextField
            c={c}
            state={{
              values: { days: days ?? '' },
              problem: computed && !computed.ok ? computed.problem : undefined,
            }}
            spec={fieldOf(workingDaysSpec, 'days')}
            type="number"
            min={String(WORKING_DAYS_SPAN.min)}
            max={String(WORKING_DAYS_SPAN.max)}
            label={t.calendar.days}
          />
          <Submit label={t.calendar.calc} />
        </form>
      </section>
      <section aria-labelledby="override" class="card no-print">
        <h2 id="override">{t.calendar.overrideTitle(year)}</h2>
        <p class="hint">{t.calendar.overrideHint}</p>
        <form method="post" action={`${here}?year=${year}`} class="stack">
          <ErrorSummary c={c} problem={form.problem} fields={['holidays', 'workdays']} />
          <Csrf c={c} />
          {/* One date a line: the page splits them into the body's arrays. */}
          <TextArea c={c} state={form} spec={fieldOf(calendarSpec, 'holidays')} label={t.calendar.holidays} />
          <TextArea c={c} state={form} spec={fieldOf(calendarSpec, 'workdays')} label={t.calendar.workdays} />
          <Submit label={t.calendar.save} />
        </form>
      </section>
    </>,
    { status },
  );
}

const dates = (v: string) => v.split(/[\s,，、;；]+/).filter(Boolean);

/** The tenant's working-day calendar (R9): the year at a glance, its overrides, and the n-th working day. */
export function calendarRoutes() {
  const app = new Hono<ConsoleEnv>();
  formRoute(app, '/console/tenants/:tenant/calendar', {
    render: calendarPage,
    request: (c, v) => ({
      method: 'PUT',
      path: `/v1/tenants/${seg(c.req.param('tenant') ?? '')}/calendar/${seg(c.req.query('year') ?? '')}`,
      body: { holidays: dates(one(v, 'holidays')), workdays: dates(one(v, 'workdays')) },
    }),
    done: (c) =>
      `/console/tenants/${seg(c.req.param('tenant') ?? '')}/calendar?year=${seg(c.req.query('year') ?? '')}&ok=1`,
  });
  return app;
}
