import { type ArgumentMetadata, type Type, ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, ErrorCode, type FieldErrors, type TextContext } from '@vtask/core';
import { fieldProblemFor } from './field-problems';

/**
 * class-validator on every GraphQL input; its findings become one BAD_USER_INPUT error whose
 * `extensions.fields` maps each dotted field path (`creator.handle`) to what is wrong with it.
 * `expectedType` names the input class where TypeScript cannot: a parameter typed `Filter | null`
 * reaches the pipe as `Object`, which the global pipe lets through unvalidated (see `validated`).
 */
export function createValidationPipe(expectedType?: Type<unknown>): ValidationPipe {
  return new InputValidationPipe({
    expectedType,
    transform: true,
    forbidUnknownValues: false,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => inputRefusal(collectFieldErrors(errors)),
  });
}

/** How @nestjs/graphql labels a field resolver's `@Parent()` parameter (GqlParamtype.ROOT, not exported). */
const GRAPHQL_PARENT_PARAM = 0;

/**
 * Validates what clients send, not the parent object a field resolver receives: that is an entity we
 * loaded, and validating it copied it (class-transformer) on every resolved field of every request.
 */
class InputValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    if ((metadata.type as unknown) === GRAPHQL_PARENT_PARAM) return false;
    return super.toValidate(metadata);
  }
}

function collectFieldErrors(errors: ValidationError[], prefix = '', into: FieldErrors = {}): FieldErrors {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) into[path] = Object.values(error.constraints).join('; ');
    if (error.children?.length) collectFieldErrors(error.children, path, into);
  }
  return into;
}

/**
 * The validation of a nullable input argument (`filter: TaskFilter | null`), whose class TypeScript's
 * metadata loses: `@Args('filter', { type: () => TaskFilter, nullable: true }, validated(TaskFilter))`.
 */
export function validated(inputType: Type<unknown>): ValidationPipe {
  return createValidationPipe(inputType);
}

/**
 * class-validator's findings as one BAD_USER_INPUT, each field's problem worded for the reader
 * ("title: 最多 120 个字符。"), the message summing them up.
 */
function inputRefusal(fields: FieldErrors): DomainError {
  const english = DomainError.badInput(fields);
  const fieldsFor = (reader: TextContext): FieldErrors =>
    Object.fromEntries(
      Object.entries(fields).map(([field, problem]) => [field, fieldProblemFor(problem, reader.locale)]),
    );
  return new DomainError(ErrorCode.BAD_USER_INPUT, english.message, fields, {
    key: 'api.validation',
    localize: (reader) =>
      reader.locale === 'en'
        ? english.message
        : Object.entries(fieldsFor(reader))
            .map(([field, problem]) => `${field}：${problem}`)
            .join(''),
    localizeFields: fieldsFor,
  });
}
