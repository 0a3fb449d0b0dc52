import { describe, expect, it } from 'vitest';
import { mapFieldErrors } from './field-errors';

const FORM_FIELDS = [['title'], ['budget'], ['applyBy'], ['creator', 'handle'], ['merchant', 'shopName']];

describe('mapFieldErrors', () => {
  it('puts each API field problem on the form field of the same path', () => {
    const mapped = mapFieldErrors(
      { title: 'At most 120 characters.', 'creator.handle': 'This handle is taken.' },
      FORM_FIELDS,
    );
    expect(mapped).toEqual({
      fields: [
        { name: ['title'], errors: ['At most 120 characters.'] },
        { name: ['creator', 'handle'], errors: ['This handle is taken.'] },
      ],
      unmatched: [],
    });
  });

  it('lands "budget.amount" on a money field named budget, and ignores a leading input.', () => {
    const mapped = mapFieldErrors(
      { 'budget.amount': 'CNY amounts have at most 2 decimals.', 'input.applyBy': 'Must be in the future.' },
      FORM_FIELDS,
    );
    expect(mapped.fields).toEqual([
      { name: ['budget'], errors: ['CNY amounts have at most 2 decimals.'] },
      { name: ['applyBy'], errors: ['Must be in the future.'] },
    ]);
  });

  it('returns problems of fields the form does not have, to show above it', () => {
    const mapped = mapFieldErrors({ idempotencyKey: 'Use 1 to 200 characters.' }, FORM_FIELDS);
    expect(mapped).toEqual({ fields: [], unmatched: ['idempotencyKey: Use 1 to 200 characters.'] });
  });

  it('collects several problems for one field', () => {
    const mapped = mapFieldErrors(
      { 'budget.amount': 'Too many decimals.', 'budget.currencyCode': 'Unsupported.' },
      FORM_FIELDS,
    );
    expect(mapped.fields).toEqual([{ name: ['budget'], errors: ['Too many decimals.', 'Unsupported.'] }]);
  });
});
