import { DomainError } from './domain-error';

/** One allowed move: the states it may start from and the state it ends in. */
export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
}

/**
 * A state machine written as data: action -> allowed transition. Built once per entity at module
 * load, where it is checked against the entity's states so a typo fails at boot, not at run time.
 */
export class TransitionTable<S extends string, A extends string> {
  constructor(
    readonly entity: string,
    readonly states: readonly S[],
    readonly transitions: Readonly<Record<A, Transition<S>>>,
  ) {
    for (const [action, transition] of Object.entries<Transition<S>>(transitions)) {
      for (const state of [...transition.from, transition.to]) {
        if (!states.includes(state)) {
          throw new Error(`${entity} transition ${action} names unknown state ${state}`);
        }
      }
    }
  }

  /** Where `action` may start from. */
  from(action: A): readonly S[] {
    return this.transitions[action].from;
  }

  to(action: A): S {
    return this.transitions[action].to;
  }

  can(action: A, current: S): boolean {
    return this.transitions[action].from.includes(current);
  }

  /** The target state, or CONFLICT with a message that says why the action is not allowed now. */
  assert(action: A, current: S): S {
    if (!this.can(action, current)) {
      throw DomainError.conflict(
        `Cannot ${humanize(action)} ${article(this.entity)} ${this.entity} that is ${current}.`,
      );
    }
    return this.transitions[action].to;
  }
}

/** "an order", "a task": messages are read by people. */
function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

function humanize(action: string): string {
  return action.toLowerCase().replace(/_/g, ' ');
}
