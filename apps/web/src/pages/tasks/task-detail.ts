import type { TaskQuery } from '../../graphql/generated';

/** The task as its page loads it, which each panel of the page takes. */
export type TaskDetail = NonNullable<TaskQuery['task']>;
