import { AgencyInvitationEntity } from './agency-invitation.entity';
import { AgencyEntity } from './agency.entity';
import { CreatorTierChangeEntity } from './creator-tier-change.entity';
import { CreatorEntity } from './creator.entity';
import { DomainTagEntity } from './domain-tag.entity';
import { MerchantEntity } from './merchant.entity';
import { UserEntity } from './user.entity';

export {
  AgencyInvitationEntity,
  AgencyEntity,
  CreatorTierChangeEntity,
  CreatorEntity,
  DomainTagEntity,
  MerchantEntity,
  UserEntity,
};

export const ACCOUNTS_ENTITIES = [
  UserEntity,
  DomainTagEntity,
  MerchantEntity,
  AgencyEntity,
  CreatorEntity,
  CreatorTierChangeEntity,
  AgencyInvitationEntity,
];
