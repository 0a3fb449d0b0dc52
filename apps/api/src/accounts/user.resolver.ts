import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public, Ctx } from '../graphql/auth.decorators';
import type { RequestContext } from '../graphql/request-context';
import { AgencyModel, CreatorModel, MerchantModel, UserModel } from './accounts.models';

@Public()
@Resolver(() => UserModel)
export class UserResolver {
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
