// Least-squares line through (x, y) points, for the scaling measurement.

/** An (x, y) point: stacks and a figure. */
export type Point = readonly [number, number];

/** A fitted line and how well it fits. */
export interface LineFit {
  /** y at x = 0. */
  readonly intercept: number;
  /** y per unit of x. */
  readonly slope: number;
  /** The coefficient of determination, 1 for exact points. */
  readonly r2: number;
}

/** The least-squares line through `points`. */
export function fitLine(points: readonly Point[]): LineFit {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const residual = points.reduce((sum, [x, y]) => sum + (y - (intercept + slope * x)) ** 2, 0);
  const total = points.reduce((sum, [, y]) => sum + (y - meanY) ** 2, 0);
  return { intercept, slope, r2: total === 0 ? 1 : 1 - residual / total };
}

/**
 * How the cost of one more stack changes with size: the marginal cost over the last interval (27 to 81
 * stacks) divided by the marginal cost from the smallest size to the start of that interval (3 to 27). About 1
 * or less is linear or better; quadratic growth gives about 3.6 over these sizes.
 */
export function growthRatio(points: readonly Point[]): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const slopeBetween = (a: Point, b: Point): number => (b[1] - a[1]) / (b[0] - a[0]);
  const last = sorted.length - 1;
  return slopeBetween(sorted[last - 1], sorted[last]) / slopeBetween(sorted[0], sorted[last - 1]);
}
