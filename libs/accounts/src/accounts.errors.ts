import { DomainError, ErrorCode } from '@vtask/core';

export const AccountsErrors = {
  invalidCredentials: () => new DomainError(ErrorCode.UNAUTHENTICATED, 'The email or password is wrong.'),
  invalidToken: () =>
    new DomainError(ErrorCode.UNAUTHENTICATED, 'The sign-in token is invalid or expired; sign in again.'),
  revokedToken: () =>
    new DomainError(
      ErrorCode.UNAUTHENTICATED,
      "This sign-in has ended because the account's role or password changed; sign in again.",
    ),
  /** At start, ADMIN_EMAIL names an account of another role: its holder is not necessarily the operator. */
  adminEmailTaken: (email: string, role: string) =>
    DomainError.conflict(
      `ADMIN_EMAIL ${email} already belongs to a ${role.toLowerCase()} account, which V-Task does not turn into the admin: ` +
        'anyone can sign up with any address, so its holder may not be you. Set ADMIN_EMAIL to an address no account uses; ' +
        `or, if that account is yours and must become the admin, change its role in the database (UPDATE users SET role = 'ADMIN' WHERE lower(email) = lower('${email}')), which also ends its current sign-ins.`,
    ),
  emailTaken: () => DomainError.badInput({ email: 'An account with this email already exists.' }),
  handleTaken: () => DomainError.badInput({ 'creator.handle': 'This handle is taken; choose another.' }),
  unknownTags: (field: string, slugs: string[]) =>
    DomainError.badInput({
      [field]: `Unknown domain tag(s): ${slugs.join(', ')}. Query domainTags for the list.`,
    }),
  creatorNotFound: () => DomainError.notFound('Creator'),
  agencyNotFound: () => DomainError.notFound('Agency'),
  invitationNotFound: () => DomainError.notFound('Agency invitation'),
  notInvited: () => DomainError.conflict('This agency has not invited you; ask it to invite you first.'),
  alreadyInAgency: () => DomainError.conflict('You already belong to an agency; leave it first.'),
  notInAgency: () => DomainError.conflict('You do not belong to an agency.'),
  activeOrders: () =>
    DomainError.conflict('You have orders in progress; finish or cancel them before changing agency.'),
};
