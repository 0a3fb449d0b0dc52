const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * numerator / denominator as the double nearest the exact quotient, or null when the denominator is 0.
 * Sums stay integers (bigint) until this one division: no float ever accumulates. Both operands within
 * 2^53 are exact doubles, so IEEE division rounds correctly; larger ones are divided as integers with
 * 66+ quotient bits and a sticky bit, which Number() then rounds correctly.
 */
export function exactRatio(numerator: bigint, denominator: bigint): number | null {
  if (denominator === 0n) return null;
  const negative = numerator < 0n !== denominator < 0n;
  const a = numerator < 0n ? -numerator : numerator;
  const b = denominator < 0n ? -denominator : denominator;
  if (a <= MAX_SAFE && b <= MAX_SAFE) return Number(numerator) / Number(denominator);
  const shift = Math.max(0, 66 + bitLength(b) - bitLength(a));
  const scaled = a << BigInt(shift);
  const quotient = ((scaled / b) << 1n) | (scaled % b === 0n ? 0n : 1n);
  const value = Number(quotient) * 2 ** -(shift + 1);
  return negative ? -value : value;
}

function bitLength(value: bigint): number {
  return value.toString(2).length;
}
