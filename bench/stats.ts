/** The few statistics a benchmark table needs. */

/** Median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * How a cost grows with size: the exponent k in cost ∝ size^k between two
 * sizes. 1 is linear; below 1 is better than linear (fixed costs amortised).
 */
export function growthExponent(small: number, large: number, sizeRatio: number): number {
  return Math.log(large / small) / Math.log(sizeRatio);
}
