import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from '@vtask/core';

/**
 * Domain errors are answers, not failures: hand them to GraphQL (formatError maps the code) without
 * Nest's default error log line. Unexpected errors still reach the request plugin's log.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError): DomainError {
    return error;
  }
}
