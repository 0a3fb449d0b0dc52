import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@vtask/core';
import { ApiErrors } from './api.errors';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { RequestContext } from './request-context';

/**
 * The one place where roles are checked, for operations and field resolvers alike
 * (`fieldResolverEnhancers: ['guards']`). Ownership (is this *your* task?) is a rule of the domain and
 * lives in the services, which receive the viewer.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * What each resolver method requires, read from its decorators once: the guard runs for every
   * resolved field of every request (twenty tasks in a feed page are a hundred calls).
   */
  private readonly rules = new WeakMap<object, Map<object, AccessRule>>();

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    // A resolver's arguments are (parent, args, context, info): the request context is the third.
    const { viewer, authError } = context.getArgByIndex<RequestContext>(2);
    if (authError) throw authError;
    const { roles, isPublic } = this.ruleOf(context.getClass(), context.getHandler());
    if (!roles && isPublic) return true;
    if (!viewer) throw ApiErrors.signInFirst();
    if (roles && !roles.includes(viewer.role)) {
      throw ApiErrors.rolesOnly(roles);
    }
    return true;
  }

  private ruleOf(resolverClass: object, handler: object): AccessRule {
    let byHandler = this.rules.get(resolverClass);
    if (!byHandler) this.rules.set(resolverClass, (byHandler = new Map()));
    let rule = byHandler.get(handler);
    if (!rule) {
      const targets = [handler as () => void, resolverClass as () => void];
      rule = {
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
        isPublic: this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets),
      };
      byHandler.set(handler, rule);
    }
    return rule;
  }
}

interface AccessRule {
  roles: Role[] | undefined;
  isPublic: boolean | undefined;
}
