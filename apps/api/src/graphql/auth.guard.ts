import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError, ErrorCode, type Role } from '@vtask/core';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { RequestContext } from './request-context';

/**
 * The one place where roles are checked, for operations and field resolvers alike
 * (`fieldResolverEnhancers: ['guards']`). Ownership (is this *your* task?) is a rule of the domain and
 * lives in the services, which receive the viewer.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const { viewer, authError } = GqlExecutionContext.create(context).getContext<RequestContext>();
    if (authError) throw authError;
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets);
    if (!roles && isPublic) return true;
    if (!viewer)
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first: send an Authorization: Bearer token.');
    if (roles && !roles.includes(viewer.role)) {
      throw DomainError.forbidden(`Only ${roles.join(' or ').toLowerCase()} accounts may do this.`);
    }
    return true;
  }
}
