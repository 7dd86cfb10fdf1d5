// Least-squares line through (x, y) points, for the scaling measurement.

/** @returns {{ intercept: number, slope: number, r2: number }} */
function fitLine(points) {
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
function growthRatio(points) {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const slopeBetween = (a, b) => (b[1] - a[1]) / (b[0] - a[0]);
  const last = sorted.length - 1;
  return slopeBetween(sorted[last - 1], sorted[last]) / slopeBetween(sorted[0], sorted[last - 1]);
}

module.exports = { fitLine, growthRatio };
