import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Channel, CreatorTier } from '@vtask/accounts';
import { Role } from '@vtask/core';
import { Connection } from '../graphql/common.models';

registerEnumType(CreatorTier, {
  name: 'CreatorTier',
  description:
    "Creator levels of the creator system 2.0. CREATOR and above are 'big V' creators, the only ones who may take paid tasks.",
});
registerEnumType(Channel, {
  name: 'Channel',
  description: "Where content is published: the app's content channels, or outside the platform.",
});

@ObjectType('DomainTag')
export class DomainTagModel {
  @Field(() => ID)
  slug: string;

  @Field({ description: "The tag's name in Chinese." })
  nameZh: string;

  @Field({ description: "The tag's name in English." })
  nameEn: string;

  parentSlug: string | null;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field(() => Role)
  role: Role;

  @Field()
  createdAt: Date;
}

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Bearer token for the Authorization header.' })
  token: string;

  @Field(() => UserModel)
  user: UserModel;
}

@ObjectType('Merchant')
export class MerchantModel {
  @Field(() => ID)
  id: string;

  @Field()
  shopName: string;

  userId: string;
  industrySlug: string | null;
  linkDomains?: string[];
}

@ObjectType('Agency')
export class AgencyModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Int)
  revenueShareBps: number;

  userId: string;
}

@ObjectType('AgencyInvitation', {
  description: "An agency's standing offer to manage a creator, until the creator joins or declines.",
})
export class AgencyInvitationModel {
  @Field()
  createdAt: Date;

  agencyId: string;
  creatorId: string;
}

@ObjectType('Creator')
export class CreatorModel {
  @Field(() => ID)
  id: string;

  @Field()
  handle: string;

  @Field(() => String, { nullable: true })
  bio: string | null;

  @Field(() => CreatorTier)
  tier: CreatorTier;

  @Field(() => [Channel])
  channels: Channel[];

  @Field(() => Int)
  followerCount: number;

  userId: string;
  agencyId: string | null;
  domainTags: string[];
}

@ObjectType('CreatorTierChange', { description: "An entry of a creator's tier audit trail." })
export class CreatorTierChangeModel {
  @Field(() => CreatorTier)
  fromTier: CreatorTier;

  @Field(() => CreatorTier)
  toTier: CreatorTier;

  @Field()
  reason: string;

  @Field()
  createdAt: Date;

  @Field(() => UserModel, { description: 'The admin who made the change.' })
  actor: UserModel | Promise<UserModel | null>;

  actorUserId: string;
}

export const CreatorConnection = Connection(CreatorModel, 'CreatorConnection');
