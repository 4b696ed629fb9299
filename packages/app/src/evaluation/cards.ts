import {
  addDays,
  type CardColour,
  type CardDraft,
  type CardLimit,
  type CardStatus,
  type CardTrigger,
  type CaseState,
  type ClockProof,
  cardIdOf,
  cardIncrements,
  cardKeyOf,
  cardsDue,
  cityOfTenant,
  clockProof,
  DomainError,
  type EventRef,
  type Principal,
  type ProofLimit,
  shanghaiDate,
} from '@onewindow/domain';
import {
  assessmentWrites,
  CARD_PREFIX,
  CaseRepository,
  cardKey,
  caseKeys,
  entityOf,
  type Item,
  notificationWrites,
  type Store,
  shardOf,
  TenancyRepository,
  tenantPk,
  WORK_SHARDS,
  type Write,
} from '@onewindow/store';
import { CaseReference } from '../cases/reference';
import type { Answer, Invocation } from '../context';
import { recipientsOf, responsibleAtRaise } from './notifications';

export interface Card {
  readonly id: string;
  readonly caseNo: string;
  readonly tenant: string;
  readonly matterName: string;
  /** The case's matter and window, where the monthly assessment counts the card. */
  readonly matter?: string;
  readonly window?: string;
  /** The body responsible: the one handling the case when the card was raised. */
  readonly body?: string;
  /** What raised it (R19): a limit by its name, or an issue-15 trigger; cards stored before it have their limit. */
  readonly trigger: CardTrigger;
  /** The step (`step`), or the breaching event's seq (`notice`), when the case may earn the trigger twice. */
  readonly subject?: string;
  /** A clock card's limit (its proof's): a case limit, or `step`; absent on an event card. */
  readonly limit?: ProofLimit;
  readonly colour: CardColour;
  readonly since: string;
  readonly raisedAt: string;
  readonly status: CardStatus;
  /** A clock card's proof. */
  readonly proof?: ClockProof;
  /** An event card's evidence (no reasons, beyond the one-time notice, a fee): the events that breached. */
  readonly evidence?: readonly EventRef[];
  /** What the evidence shows, in words. */
  readonly detail?: { readonly zh: string; readonly en: string };
  /**
   * The people a 督办 reaches, when the card names them: the clerk who took the case (acceptance,
   * issuance), or the supervising body's liaison (receipt). Otherwise the body's approvers.
   */
  readonly responsible?: readonly string[];
  readonly contest?: { readonly at: string; readonly by: string; readonly reasons: string };
  readonly review?: {
    readonly at: string;
    readonly by: string;
    readonly outcome: 'upheld' | 'withdrawn';
    readonly reason: string;
  };
  readonly urges?: readonly {
    readonly at: string;
    readonly by: string;
    readonly note: string;
    readonly to?: string;
    /** The staff members told (their notifications). */
    readonly notified?: readonly string[];
  }[];
  readonly version: number;
}

/** A card as stored: those raised before triggers existed have only their limit. */
type StoredCard = Omit<Card, 'trigger'> & { readonly trigger?: CardTrigger };
const cardOf = (c: StoredCard): Card => ({ ...c, trigger: c.trigger ?? (c.limit as CardLimit) });

const notFound = () => new DomainError('not-found', '亮灯记录不存在', 'no such card');
const refuse = (zh: string, en: string) => new DomainError('invalid-state', zh, en);

/**
 * R19 in the application: raising the cards a case has earned (the clock, after each visit),
 * the tenant's list, and what people do with a card: the responsible body contests it with
 * reasons, an inspector upholds or withdraws it, and 督办 urges the body, each person
 * responsible told in their notifications. Each change is audited, under a version check.
 */
export class CardService {
  private readonly repo: CaseRepository;

  constructor(private readonly store: Store) {
    this.repo = new CaseRepository(store);
  }

  /** Raises each card the case has earned on `invocation.now` that it has not got yet; answers how many. */
  async raise(invocation: Invocation, tenant: string, caseNo: string): Promise<number> {
    const [found, calendarFor] = await Promise.all([
      this.repo.withEvents(tenant, caseNo),
      new CaseReference(this.store).calendar(tenant),
    ]);
    if (!found) return 0;
    const drafts = cardsDue(found.stored.state, found.events, shanghaiDate(invocation.now), calendarFor);
    let raised = 0;
    for (const draft of drafts) if (await this.raiseOne(invocation, found.stored.state, draft)) raised += 1;
    return raised;
  }

  private async raiseOne(
    invocation: Invocation,
    state: CaseState,
    draft: CardDraft,
    /** The supervising body's liaison named on the push (R20), for a receipt card. */
    liaison?: string,
  ): Promise<boolean> {
    const id = cardIdOf(state.caseNo, cardKeyOf(draft), draft.colour);
    const responsible = responsibleAtRaise(draft.trigger, state, liaison);
    const card: Card = {
      id,
      caseNo: state.caseNo,
      tenant: state.tenant,
      matterName: state.matterName,
      matter: state.matter,
      ...(state.window ? { window: state.window } : {}),
      ...(state.body ? { body: state.body } : {}),
      trigger: draft.trigger,
      ...(draft.subject ? { subject: draft.subject } : {}),
      ...(draft.limit ? { limit: draft.limit } : {}),
      colour: draft.colour,
      since: draft.since,
      raisedAt: invocation.now,
      status: 'raised',
      ...(draft.proof ? { proof: draft.proof } : {}),
      ...(draft.evidence ? { evidence: draft.evidence } : {}),
      ...(draft.detail ? { detail: draft.detail } : {}),
      ...(responsible ? { responsible } : {}),
      version: 1,
    };
    const exists = new DomainError('conflict', '已亮灯', 'already raised');
    try {
      await invocation.commit({
        action: `card.raised`,
        target: `${state.tenant}/${id}`,
        writes: [
          { put: { ...cardKey(state.tenant, id), entity: 'card', ...card }, ifNew: exists },
          ...cardCounts(card, 1),
        ],
        response: { status: 201, body: {} },
      });
      return true;
    } catch (error) {
      if (error === exists) return false;
      throw error;
    }
  }

  /**
   * R20: the clock's job for the day after a push's receipt limit. A push still unsigned raises a
   * red card on the supervising body, in its tenant, with the proof of the limit from the decision.
   */
  async raiseReceipt(
    invocation: Invocation,
    job: { tenant: string; body: string; caseTenant: string; caseNo: string; decidedAt: string },
  ): Promise<boolean> {
    const inbox = await this.store.get(caseKeys.inbox(job.tenant, job.body, job.decidedAt, job.caseNo));
    if (!inbox || inbox.signedAt) return false;
    const [found, calendarFor, settings] = await Promise.all([
      this.repo.withEvents(job.caseTenant, job.caseNo),
      new CaseReference(this.store).calendar(job.caseTenant),
      new TenancyRepository(this.store).evaluation(cityOfTenant(job.tenant)),
    ]);
    if (!found) return false;
    const today = shanghaiDate(invocation.now);
    const proof = clockProof(
      found.stored.state,
      found.events,
      'receipt',
      today,
      calendarFor,
      settings.receiptDays,
    );
    if (!proof || today <= proof.deadline) return false;
    return this.raiseOne(
      invocation,
      { ...found.stored.state, tenant: job.tenant, body: job.body },
      { trigger: 'receipt', limit: 'receipt', colour: 'red', since: addDays(proof.deadline, 1), proof },
      typeof inbox.liaison === 'string' ? inbox.liaison : undefined,
    );
  }

  /** The tenant's cards, newest first; a colour or status narrows them. */
  async list(tenant: string, filter: { colour?: CardColour; status?: CardStatus } = {}): Promise<Card[]> {
    const items = await this.store.queryPrefix<Item>(tenantPk(tenant), CARD_PREFIX);
    return items
      .map((i) => cardOf(entityOf<StoredCard>(i)))
      .filter(
        (c) =>
          (!filter.colour || c.colour === filter.colour) && (!filter.status || c.status === filter.status),
      )
      .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id));
  }

  async get(tenant: string, id: string): Promise<Card> {
    const item = await this.store.get(cardKey(tenant, id));
    if (!item) throw notFound();
    return cardOf(entityOf<StoredCard>(item));
  }

  /** The responsible body (its approvers) or the tenant's administrators contest a raised card, once, with reasons. */
  async contest(invocation: Invocation, tenant: string, id: string, reasons: string): Promise<Answer> {
    const card = await this.get(tenant, id);
    const p = invocation.principal;
    const ofBody = p.roles.includes('approver') && p.body !== undefined && p.body === card.body;
    if (!ofBody && !isAdmin(p))
      throw new DomainError('forbidden', '仅责任机构可以申辩', 'only the responsible body contests a card');
    if (card.status !== 'raised')
      throw refuse('该亮灯已申辩或已核定', 'the card was contested or reviewed already');
    return this.change(invocation, card, 'card.contested', {
      status: 'contested',
      contest: { at: invocation.now, by: p.sub, reasons },
    });
  }

  /** An inspector upholds or withdraws a card (contested or not), once, with the reason. */
  async review(
    invocation: Invocation,
    tenant: string,
    id: string,
    input: { outcome: 'upheld' | 'withdrawn'; reason: string },
  ): Promise<Answer> {
    const card = await this.get(tenant, id);
    if (card.status === 'upheld' || card.status === 'withdrawn')
      throw refuse('该亮灯已核定', 'the card was reviewed already');
    return this.change(
      invocation,
      card,
      `card.${input.outcome}`,
      { status: input.outcome, review: { at: invocation.now, by: invocation.principal.sub, ...input } },
      // A withdrawn card leaves the month's figures it was counted in.
      input.outcome === 'withdrawn' ? cardCounts(card, -1) : [],
    );
  }

  /** 督办/催办: urges the responsible body; the audit record's event tells its people. */
  async urge(invocation: Invocation, tenant: string, id: string, note: string): Promise<Answer> {
    const card = await this.get(tenant, id);
    if (card.status === 'withdrawn') throw refuse('该亮灯已撤销', 'the card was withdrawn');
    // The people it is addressed to are told in the same transaction (their notifications).
    const notified = await recipientsOf(this.store, card);
    const urge = {
      at: invocation.now,
      by: invocation.principal.sub,
      note,
      ...(card.body ? { to: card.body } : {}),
      ...(notified.length > 0 ? { notified } : {}),
    };
    return this.change(
      invocation,
      card,
      'card.urged',
      { urges: [...(card.urges ?? []), urge] },
      notificationWrites(card.tenant, notified, {
        at: invocation.now,
        kind: 'urge',
        by: invocation.principal.sub,
        note,
        cardId: card.id,
        caseNo: card.caseNo,
        matterName: card.matterName,
        colour: card.colour,
        trigger: card.trigger,
      }),
    );
  }

  private change(
    invocation: Invocation,
    card: Card,
    action: string,
    patch: Partial<Card>,
    /** Written in the same transaction: the month's counts of a withdrawn card, an urge's notifications. */
    also: readonly Write[] = [],
  ): Promise<Answer> {
    const next: Card = { ...card, ...patch, version: card.version + 1 };
    return invocation.commit({
      action,
      target: `${card.tenant}/${card.id}`,
      writes: [
        {
          put: { ...cardKey(card.tenant, card.id), entity: 'card', ...next },
          ifStill: {
            attribute: 'version',
            equals: card.version,
            failure: new DomainError(
              'conflict',
              '亮灯记录已被他人更新，请刷新',
              'the card changed meanwhile; reload',
            ),
          },
        },
        ...also,
      ],
      response: { status: 200, body: next },
    });
  }
}

/** The monthly assessment's counts of a card, in the month it was raised, by colour and trigger. */
const cardCounts = (card: Card, by: 1 | -1): Write[] =>
  assessmentWrites(
    card.tenant,
    shardOf(card.caseNo, WORK_SHARDS),
    cardIncrements(
      {
        ...(card.matter ? { matter: card.matter } : {}),
        ...(card.body ? { body: card.body } : {}),
        ...(card.window ? { window: card.window } : {}),
      },
      { colour: card.colour, trigger: card.trigger },
      shanghaiDate(card.raisedAt).slice(0, 7),
      by,
    ),
  );

const isAdmin = (p: Principal) =>
  p.roles.some((r) => r === 'tenant-admin' || r === 'city-admin' || r === 'platform-admin');
