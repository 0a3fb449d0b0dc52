import { Role } from '@vtask/core';
import { Channel } from './channel';

/** What sign-up needs, already shape-checked at the API edge; the service checks the rules. */
export interface SignUpCommand {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  merchant?: { shopName: string; industry?: string | null } | null;
  creator?: {
    handle: string;
    bio?: string | null;
    domainTags: string[];
    channels: Channel[];
    followerCount: number;
  } | null;
  agency?: { name: string; revenueShareBps: number } | null;
}

export interface UpdateCreatorProfileCommand {
  bio?: string | null;
  domainTags?: string[] | null;
  channels?: Channel[] | null;
  followerCount?: number | null;
}
