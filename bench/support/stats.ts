/** Small statistics and formatting helpers shared by the sections. */

export function median(values: number[]): number {
  return quantile(values, 0.5)
}

/** Linear-interpolated quantile; NaN for no values, Infinity when the rank falls among infinite values. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (sorted.length - 1) * q
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  const a = sorted[lo]!
  const b = sorted[hi]!
  if (!Number.isFinite(a) || !Number.isFinite(b)) return b
  return a + (b - a) * (rank - lo)
}

/** Quantile of an already sorted array (the simulation sorts once and reads several). */
export function sortedQuantile(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = (sorted.length - 1) * q
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  const a = sorted[lo]!
  const b = sorted[hi]!
  if (!Number.isFinite(a) || !Number.isFinite(b)) return b
  return a + (b - a) * (rank - lo)
}

/** mulberry32: a seeded generator, so every simulated month and every jittered poll is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A standard normal draw (Box–Muller). */
export function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

/** An exponential draw with the given mean. */
export function exponential(random: () => number, mean: number): number {
  return -Math.log(Math.max(random(), 1e-12)) * mean
}

export function fixed(value: number, digits = 0): string {
  if (Number.isNaN(value)) return '–'
  if (!Number.isFinite(value)) return '∞'
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–'
}

export function dollars(value: number): string {
  if (!Number.isFinite(value)) return '–'
  return value < 0.995 ? `$${value.toFixed(2)}` : `$${value.toFixed(value < 100 ? 2 : 0)}`
}

export function megabytes(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : '–'
}

/** A duration given in minutes, in the unit that reads best. */
export function minutes(value: number): string {
  if (Number.isNaN(value)) return '–'
  if (!Number.isFinite(value)) return 'never'
  if (value < 1) return `${(value * 60).toFixed(0)} s`
  if (value < 120) return `${value.toFixed(value < 10 ? 1 : 0)} min`
  if (value < 48 * 60) return `${(value / 60).toFixed(1)} h`
  return `${(value / 60 / 24).toFixed(1)} d`
}

export function passFail(ok: boolean): string {
  return ok ? 'pass' : '**fail**'
}
