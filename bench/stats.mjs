// Statistics shared by the benchmark runners (bench/run.mjs, bench/scale.mjs).

/** The `q` quantile (0–1) of `values`, linearly interpolated between the nearest ranks (the
 * R-7 / NumPy default); null for no values. */
export function quantile(values, q) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** The median of `values`; null for no values. */
export const median = (v) => quantile(v, 0.5);
