import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldErrors } from '@vtask/core';

/**
 * class-validator on every GraphQL input; its findings become one BAD_USER_INPUT error whose
 * `extensions.fields` maps each dotted field path (`creator.handle`) to what is wrong with it.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    forbidUnknownValues: false,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => DomainError.badInput(collectFieldErrors(errors)),
  });
}

function collectFieldErrors(errors: ValidationError[], prefix = '', into: FieldErrors = {}): FieldErrors {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) into[path] = Object.values(error.constraints).join('; ');
    if (error.children?.length) collectFieldErrors(error.children, path, into);
  }
  return into;
}
