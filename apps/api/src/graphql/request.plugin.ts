import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { currentStatementCount } from '@vtask/database';
import { isExpectedError, rewordErrors } from './format-error';
import type { RequestContext } from './request-context';

const logger = new Logger('GraphQL');

/**
 * Logs each operation (name, duration) and every unexpected error with its stack and the request id;
 * the client only sees the masked message and the id in the x-request-id header. Words every error
 * of the answer in the request's language.
 */
export const requestPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart(): Promise<GraphQLRequestListener<RequestContext>> {
    const started = performance.now();
    return {
      async didEncounterErrors({ contextValue, errors }) {
        for (const error of errors) {
          if (isExpectedError(error)) continue;
          const original = unwrapResolverError(error);
          logger.error({
            message: 'unexpected error',
            requestId: contextValue.requestId,
            error:
              original instanceof Error
                ? { name: original.name, message: original.message, stack: original.stack }
                : original,
          });
        }
      },
      async willSendResponse({ contextValue, operationName, errors, response }) {
        // Errors were shaped in English (Apollo's formatError knows no request): now for the reader.
        if (response.body.kind === 'single' && response.body.singleResult.errors) {
          response.body.singleResult.errors = rewordErrors(
            response.body.singleResult.errors,
            contextValue.reader,
          );
        }
        // Checked first: building the line for a level that is not logged costs every request.
        if (!Logger.isLevelEnabled('debug')) return;
        logger.debug({
          message: 'operation',
          requestId: contextValue.requestId,
          operation: operationName ?? null,
          ms: Math.round(performance.now() - started),
          errors: errors?.length ?? 0,
          sqlStatements: currentStatementCount(),
        });
      },
    };
  },
};
