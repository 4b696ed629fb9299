import type { Principal } from '@onewindow/domain';
import type { Command, StoredResponse } from '@onewindow/store';

/** A command as a service drafts it; the invocation adds the actor, the instant, the audit scope and idempotency. */
export type CommandDraft = Omit<Command, 'actor' | 'at' | 'scopePk' | 'idempotency'>;

/** How a service's command reaches the table: one transaction with the caller's audit and idempotency record. */
export type Commit = (command: CommandDraft) => Promise<StoredResponse>;

/**
 * What a caller answers for an outcome. The answer is written in the command's own
 * transaction (the idempotency record), so the service asks for it before committing.
 */
export type Respond<O> = (outcome: O) => StoredResponse;

/** One call into the application: who asks, when, and how its writes reach the table. */
export interface Invocation {
  readonly principal: Principal;
  readonly now: string;
  readonly commit: Commit;
  /**
   * Several commands in one transaction, each audited; none is idempotent by key (a catalogue
   * import's batch). Absent where a caller only commits one at a time.
   */
  readonly commitAll?: (commands: readonly CommandDraft[]) => Promise<void>;
}

export type { StoredResponse as Answer } from '@onewindow/store';
