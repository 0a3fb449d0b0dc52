import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '@vtask/core';
import { Public, Ctx } from '../graphql/auth.decorators';
import type { RequestContext } from '../graphql/request-context';
import { AgencyModel, CreatorModel, MerchantModel, UserModel } from './accounts.models';

@Public()
@Resolver(() => UserModel)
export class UserResolver {
  /**
   * The contract makes email non-null, but it is personal: a user reaches other users through
   * Task.merchant.user or an order's timeline, so only the user and admins see it whole.
   */
  @ResolveField(() => String)
  email(@Parent() user: UserModel, @Ctx() ctx: RequestContext): string {
    const self = ctx.viewer?.userId === user.id || ctx.signedInUserId === user.id;
    if (self || ctx.viewer?.role === Role.ADMIN) return user.email;
    return maskEmail(user.email);
  }

  @ResolveField(() => MerchantModel, { nullable: true })
  merchant(@Parent() user: UserModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.merchantByUser.load(user.id);
  }

  @ResolveField(() => CreatorModel, { nullable: true })
  creator(@Parent() user: UserModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.creatorByUser.load(user.id);
  }

  @ResolveField(() => AgencyModel, { nullable: true })
  agency(@Parent() user: UserModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.agencyByUser.load(user.id);
  }
}

/** `merchant@demo.vtask` -> `m*******@demo.vtask`: recognisable to its owner, useless to a harvester. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}${'*'.repeat(Math.max(at - 1, 1))}${email.slice(at)}`;
}
