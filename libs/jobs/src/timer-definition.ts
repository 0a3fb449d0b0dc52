/** How a library declares its timers; `Timers` (timers.ts) runs them. */

/** Runs when a timer fires. The payload is the JSON given to `schedule` (dates arrive as strings). */
export type TimerHandler<T extends object = object> = (payload: T) => Promise<void>;

/**
 * One kind of durable job, declared once in its library's `<lib>.timers.ts`:
 *
 * ```ts
 * export const MarketplaceTimers = {
 *   closeTaskAtApplyBy: defineTimer<{ taskId: string }>({
 *     name: 'marketplace.close-task-at-apply-by',
 *     key: ({ taskId }) => taskId,
 *   }),
 * } satisfies TimerTable;
 * ```
 *
 * - `name` is the pg-boss queue: never rename a timer that may have pending rows.
 * - `payload` is JSON (a `Date` arrives as a string): ids and ISO strings only.
 * - `key(payload, runAt)` names one firing (see the rules on `Timers` below): from the payload alone
 *   when the job can only happen once (a task closes once), with the moment in it when the moment can
 *   move and each moment deserves its own firing (`${venueId}:${runAt.toISOString()}`).
 *
 * Services schedule with `timers.schedule(MarketplaceTimers.closeTaskAtApplyBy, { taskId }, at, { manager })`
 * inside the transaction of the change that needs it; the module registers every handler of the table
 * in one place with `timerHandlers(...)` (timers.service.ts), which the compiler checks is complete.
 * A file `<lib>.timers.ts` holds only declarations and schedule helpers (no services), so services can
 * import it without a cycle.
 */
export interface TimerDefinition<P extends object> {
  readonly name: string;
  key(payload: P, runAt: Date): string;
}

/** A library's timers, by the name its code uses for them. */
export type TimerTable = Record<string, TimerDefinition<any>>;

/** The payload type of a declared timer. */
export type TimerPayload<D> = D extends TimerDefinition<infer P> ? P : never;

/** One handler for each timer of a table (a missing one is a compile error). */
export type TimerHandlersOf<T extends TimerTable> = { [K in keyof T]: TimerHandler<TimerPayload<T[K]>> };

/** Declares one timer: its queue name, its payload type and what makes one firing (see TimerDefinition). */
export function defineTimer<P extends object>(definition: {
  name: string;
  key: (payload: P, runAt: Date) => string;
}): TimerDefinition<P> {
  return Object.freeze({ name: definition.name, key: definition.key });
}
