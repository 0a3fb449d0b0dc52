import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '@vtask/core';
import { isUUID } from 'class-validator';

/**
 * Ids are UUIDs. A malformed one cannot name anything, so it is NOT_FOUND like any other unknown id
 * (and never reaches PostgreSQL as an invalid uuid).
 */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !isUUID(value)) throw DomainError.notFound('Nothing with this id');
    return value;
  }
}
