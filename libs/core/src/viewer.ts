/** Roles of the contract. */
export enum Role {
  MERCHANT = 'MERCHANT',
  CREATOR = 'CREATOR',
  AGENCY = 'AGENCY',
  ADMIN = 'ADMIN',
}

/**
 * Who is asking: the signed-in user as services see it, without any transport detail. Profile ids
 * are resolved once at sign-in so ownership checks need no extra query.
 */
export interface Viewer {
  userId: string;
  role: Role;
  merchantId: string | null;
  creatorId: string | null;
  agencyId: string | null;
}
