import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthService, ProfilesService } from '@vtask/accounts';
import type { Viewer } from '@vtask/core';
import { CurrentViewer, Public } from '../graphql/auth.decorators';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { AuthPayloadModel, UserModel } from './accounts.models';
import { SignUpInput } from './accounts.inputs';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly profiles: ProfilesService,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadModel)
  signUp(@Args('input') input: SignUpInput): Promise<AuthPayloadModel> {
    return this.auth.signUp(input);
  }

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Mutation(() => AuthPayloadModel)
  logIn(@Args('email') email: string, @Args('password') password: string): Promise<AuthPayloadModel> {
    return this.auth.logIn(email, password);
  }

  @Public()
  @Query(() => UserModel, { nullable: true })
  async me(@CurrentViewer() viewer: Viewer | null): Promise<UserModel | null> {
    return viewer ? this.profiles.findUser(viewer.userId) : null;
  }
}
