import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import type { RequestContext } from './request-context';

export const PUBLIC_KEY = 'vtask:public';
export const ROLES_KEY = 'vtask:roles';

/** Anyone may call this, signed in or not. Without it, a resolver needs a signed-in viewer. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call this. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** The signed-in viewer (the guard has made sure there is one unless the resolver is public). */
export const CurrentViewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Viewer | null =>
    GqlExecutionContext.create(context).getContext<RequestContext>().viewer,
);

/** The request context: loaders and the viewer, for field resolvers. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext =>
  GqlExecutionContext.create(context).getContext<RequestContext>(),
);
