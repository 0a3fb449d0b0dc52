import { DomainError } from '@vtask/core';

export const MatchingErrors = {
  /** The same answer for "no such task" and "a task you cannot see", so ids cannot be probed. */
  taskNotFound: () => DomainError.notFound('Task'),
  notYourTask: () =>
    DomainError.forbidden(
      'Only the merchant who posted this task, or an admin, sees the creators recommended for it.',
    ),
  notACreator: () => DomainError.forbidden('Only creators get task recommendations.'),
};
