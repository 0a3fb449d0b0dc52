import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ProfilesService, TagsService } from '@vtask/accounts';
import { Role, type Viewer } from '@vtask/core';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import type { RequestContext } from '../graphql/request-context';
import { MerchantProfileInput } from './accounts.inputs';
import { DomainTagModel, MerchantModel, UserModel } from './accounts.models';

@Public()
@Resolver(() => MerchantModel)
export class MerchantResolver {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly tags: TagsService,
  ) {}

  @Roles(Role.MERCHANT)
  @Mutation(() => MerchantModel)
  updateMerchantProfile(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: MerchantProfileInput,
  ): Promise<MerchantModel> {
    return this.profiles.updateMerchantProfile(viewer, input.shopName, input.industry, input.linkDomains);
  }

  @ResolveField(() => DomainTagModel, { nullable: true })
  async industry(@Parent() merchant: MerchantModel): Promise<DomainTagModel | null> {
    if (!merchant.industrySlug) return null;
    return (await this.tags.bySlugs([merchant.industrySlug]))[0] ?? null;
  }

  @ResolveField(() => [String], {
    description:
      "Hosts (and their subdomains) the merchant's tracking links may point to, e.g. shop.example.com.",
  })
  // Only the merchant and admins read the list; anyone else gets an empty one.
  linkDomains(@Parent() merchant: MerchantModel, @CurrentViewer() viewer: Viewer | null): string[] {
    const mayRead = viewer?.role === Role.ADMIN || viewer?.merchantId === merchant.id;
    return mayRead ? (merchant.linkDomains ?? []) : [];
  }

  @ResolveField(() => UserModel)
  user(@Parent() merchant: MerchantModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.users.load(merchant.userId);
  }
}
