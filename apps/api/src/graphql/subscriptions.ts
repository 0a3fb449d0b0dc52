import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost, type SubscriptionConfig } from '@nestjs/graphql';
import { ViewerCache, type AuthService } from '@vtask/accounts';
import { DomainError, ErrorCode, type TextContext, type Viewer } from '@vtask/core';
import type { Request } from 'express';
import type { WebSocket } from 'ws';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { ApiErrors } from './api.errors';
import { formatError, isExpectedError, type ErrorFormatter } from './format-error';
import { assertCleanInput } from './input-check';
import { assertQueryLimits, depthLimitRule, type QueryLimits } from './limits';
import type { LoadersFactory } from './loaders';
import { bearerToken, readerOfConnection, type RequestContext } from './request-context';

const logger = new Logger('Subscriptions');

/** What graphql-ws keeps per connection (`extra` of graphql-ws/use/ws), with the viewer its token named. */
interface ConnectionExtra {
  request: IncomingMessage;
  socket: WebSocket;
  viewer?: Viewer;
  /** The token the connection signed in with: checked again for each subscription and on revocation. */
  token?: string;
}

/** graphql-ws' Unauthorized: the client stops retrying with this token and the console signs in again. */
const TOKEN_EXPIRED_CLOSE = { code: 4401, reason: 'Token expired: sign in again' };
/** The token was revoked (the account's role or password changed): as for expiry, the client signs in again. */
const TOKEN_REVOKED_CLOSE = { code: 4401, reason: 'Sign-in ended: sign in again' };
/** setTimeout's longest delay (about 24.8 days); a later expiry is checked again after it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes the socket when its token expires: the token was checked once, on connect, and a
 * subscription must not go on pushing to someone whose sign-in has run out.
 */
function closeAtExpiry(socket: WebSocket, expiresAt: Date): void {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = expiresAt.getTime() - Date.now();
    if (left <= 0) {
      socket.close(TOKEN_EXPIRED_CLOSE.code, TOKEN_EXPIRED_CLOSE.reason);
      return;
    }
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    // An open socket keeps the process alive already; the timer alone must not.
    timer.unref();
  };
  arm();
  socket.once('close', () => clearTimeout(timer));
}
type Connection = Context<Record<string, unknown> | undefined, unknown>;
const extraOf = (ctx: Connection): ConnectionExtra => ctx.extra as ConnectionExtra;

/**
 * Subscriptions over WebSocket (graphql-ws) at /graphql. The token is checked once, on connect
 * (connectionParams `{ authorization: 'Bearer <token>' }` or `{ token }`; the reader's language and zone
 * as `acceptLanguage` and `timeZone`, else the upgrade request's headers): a missing or invalid one
 * closes the socket with 4403 Forbidden, and the socket closes with 4401 when the token expires or is
 * revoked (checked again for each subscription, and whenever the user's role or password changes).
 * Each subscription then runs like an HTTP operation: the same depth and cost limits, the same guard
 * (roles, signed-in viewer), the same error codes. Queries and mutations stay on HTTP.
 */
export function subscriptionsConfig(
  auth: AuthService,
  loaders: LoadersFactory,
  moduleRef: ModuleRef,
  limits: QueryLimits,
  format: ErrorFormatter = formatError,
): SubscriptionConfig {
  /** The client sees an error shaped, coded and worded as over HTTP, as a GraphQLError. */
  const formatted = (error: GraphQLError | DomainError, reader: TextContext): GraphQLError => {
    const graphQLError =
      error instanceof GraphQLError ? error : new GraphQLError(error.message, { originalError: error });
    const shaped = format(graphQLError.toJSON(), graphQLError, reader);
    return new GraphQLError(shaped.message, { extensions: shaped.extensions });
  };

  // Built by the GraphQL module after this configuration: looked up when a subscription comes.
  const schema = () => moduleRef.get(GraphQLSchemaHost, { strict: false }).schema;
  const viewers = () => moduleRef.get(ViewerCache, { strict: false });

  /** Whether the connection's token still holds (not revoked, user still there); closes the socket if not. */
  const stillSignedIn = async (extra: ConnectionExtra): Promise<boolean> => {
    try {
      await auth.sessionFromToken(extra.token!);
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      extra.socket.close(TOKEN_REVOKED_CLOSE.code, TOKEN_REVOKED_CLOSE.reason);
      return false;
    }
  };

  /**
   * A revocation ends the connection at once, not only its next subscription: whoever lost a role must
   * not keep receiving what the role let them see. The cache says when the user's sign-ins may have changed.
   */
  const endOnRevocation = (extra: ConnectionExtra, userId: string): void => {
    const stop = viewers().onForget((forgotten) => {
      if (forgotten !== null && forgotten !== userId) return;
      stillSignedIn(extra).catch((error: unknown) =>
        logger.warn(`could not check a connection's token again: ${String(error)}`),
      );
    });
    extra.socket.once('close', stop);
  };

  return {
    'graphql-ws': {
      path: '/graphql',
      onConnect: async (ctx: Connection) => {
        const token = tokenOf(ctx.connectionParams);
        if (!token) return false;
        try {
          const session = await auth.sessionFromToken(token);
          const extra = extraOf(ctx);
          extra.viewer = session.viewer;
          extra.token = token;
          if (session.expiresAt) closeAtExpiry(extra.socket, session.expiresAt);
          endOnRevocation(extra, session.viewer.userId);
          return true;
        } catch (error) {
          if (error instanceof DomainError) return false;
          throw error;
        }
      },
      onSubscribe: async (ctx: Connection, _id, payload) => {
        const reader = readerOfConnection(extraOf(ctx).request, ctx.connectionParams);
        // Each operation checks the token again (from the cache: no query), as each HTTP request does.
        if (!(await stillSignedIn(extraOf(ctx)))) return [formatted(ApiErrors.signInEnded(), reader)];
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [
            formatted(
              error instanceof GraphQLError ? clientError(error.message) : ApiErrors.queryDoesNotParse(),
              reader,
            ),
          ];
        }
        const errors = validate(schema(), document, [...specifiedRules, depthLimitRule()]);
        if (errors.length) return errors.map((error) => formatted(error, reader));
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription')
          return [formatted(ApiErrors.subscriptionsOnly(), reader)];
        try {
          assertQueryLimits(schema(), document, payload.operationName, payload.variables, limits);
          // The same check of every text and id argument as over HTTP (NUL, surrogates, UUIDs).
          assertCleanInput(schema(), document, payload.operationName, payload.variables);
        } catch (error) {
          return [formatted(error as GraphQLError, reader)];
        }
        const args: ExecutionArgs = {
          schema: schema(),
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: subscriptionContext(ctx, loaders, reader),
        };
        return args;
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return;
        const { requestId, reader } = args.contextValue as RequestContext;
        for (const error of result.errors) {
          if (!isExpectedError(error)) {
            logger.error({
              message: 'unexpected error',
              requestId,
              error: String(error.originalError ?? error),
            });
          }
        }
        return { ...result, errors: result.errors.map((error) => format(error.toJSON(), error, reader)) };
      },
    },
  };
}

/**
 * A subscription's context: the connection's viewer and reader, and loaders renewed for each pushed
 * event.
 */
function subscriptionContext(ctx: Connection, loaders: LoadersFactory, reader: TextContext): RequestContext {
  const { request, viewer = null } = extraOf(ctx);
  const context: RequestContext = {
    req: request as Request,
    requestId: randomUUID(),
    viewer,
    reader,
    authError: null,
    loaders: loaders.create(viewer),
    renewLoaders: () => {
      context.loaders = loaders.create(viewer);
    },
  };
  return context;
}

/**
 * The `resolve` of every subscription: the event is the value, resolved with fresh loaders (the
 * subscription's context outlives the rows its loaders cached).
 */
export function pushed<T>(payload: T, _args: unknown, context: RequestContext): T {
  context.renewLoaders?.();
  return payload;
}

function tokenOf(params: Record<string, unknown> | undefined): string | null {
  const header = params?.authorization ?? params?.Authorization;
  if (typeof header === 'string') return bearerToken(header);
  return typeof params?.token === 'string' && params.token.trim() ? params.token.trim() : null;
}

function clientError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}
