import { Injectable, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard } from '@nestjs/throttler';
import { emailThrottleKey } from '@vtask/accounts';
import type { RequestContext } from '../graphql/request-context';

export const LOGIN_BY_EMAIL = 'login-email';
export const LOGIN_BY_ADDRESS = 'login-address';

/**
 * Log-in attempts are limited per email and per client address (two named throttlers, see
 * AppModule). The trackers come from the GraphQL arguments and the request.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext) {
    const gql = GqlExecutionContext.create(context);
    const { req } = gql.getContext<RequestContext>();
    const email = emailThrottleKey(String(gql.getArgs<{ email?: string }>().email ?? ''));
    // The email rides on the request so the email throttler's tracker can read it.
    (req as unknown as { loginEmail: string }).loginEmail = email;
    return { req, res: req.res ?? {} } as ReturnType<ThrottlerGuard['getRequestResponse']>;
  }
}
