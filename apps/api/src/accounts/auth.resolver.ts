import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthService, ProfilesService } from '@vtask/accounts';
import type { Viewer } from '@vtask/core';
import { Ctx, CurrentViewer, Public } from '../graphql/auth.decorators';
import type { RequestContext } from '../graphql/request-context';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { AuthPayloadModel, UserModel } from './accounts.models';
import { SignUpInput } from './accounts.inputs';
import { FieldCost } from '../graphql/limits';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly profiles: ProfilesService,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { complexity: FieldCost.PASSWORD_HASH })
  async signUp(@Args('input') input: SignUpInput, @Ctx() ctx: RequestContext): Promise<AuthPayloadModel> {
    const result = await this.auth.signUp(input);
    ctx.signedInUserId = result.user.id;
    return result;
  }

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Mutation(() => AuthPayloadModel, { complexity: FieldCost.PASSWORD_HASH })
  async logIn(
    @Args('email') email: string,
    @Args('password') password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayloadModel> {
    const result = await this.auth.logIn(email, password);
    ctx.signedInUserId = result.user.id;
    return result;
  }

  @Public()
  @Query(() => UserModel, { nullable: true })
  async me(@CurrentViewer() viewer: Viewer | null): Promise<UserModel | null> {
    return viewer ? this.profiles.findUser(viewer.userId) : null;
  }
}
