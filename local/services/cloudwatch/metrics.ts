import { StandardUnit, type Dimension, type MetricDatum, type PutMetricDataInput } from '@aws-sdk/client-cloudwatch'
import { AwsError } from '../common/protocol.js'
import type { Unchecked } from '../common/wire.js'

/** One data point as CloudWatch stored it; `stack.metrics()` returns these in the order they arrived. */
export interface MetricPoint {
  namespace: string
  name: string
  /** `Value`; absent when the datum carried `Values` or `StatisticValues` instead. */
  value?: number
  /** `None` when the datum named no unit, as CloudWatch records it. */
  unit: string
  dimensions: Record<string, string>
  /** RFC 3339; the time of receipt (the stack's clock) when the datum had no `Timestamp`. */
  timestamp: string
  values?: number[]
  counts?: number[]
  statisticValues?: { sampleCount: number; sum: number; minimum: number; maximum: number }
  storageResolution?: number
  /** Who published it (the SigV4 access key). */
  accessKeyId?: string
}

/** CloudWatch's documented limits for PutMetricData. */
const MAX_DATUMS = 1000
const MAX_DIMENSIONS = 30
const MAX_VALUES = 150
/** Values outside ±2^360 are refused, as are NaN and the infinities. */
const MAX_MAGNITUDE = 2 ** 360
const UNITS = new Set<string>(Object.values(StandardUnit))

type Input = Unchecked<PutMetricDataInput>
type Datum = Unchecked<MetricDatum>

const invalid = (message: string): AwsError => new AwsError(400, 'InvalidParameterValueException', message)
const missing = (parameter: string): AwsError =>
  new AwsError(400, 'MissingRequiredParameterException', `The parameter ${parameter} is required.`)
const combination = (message: string): AwsError => new AwsError(400, 'InvalidParameterCombinationException', message)

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A JSON number as the SDK sends a double: a number, or the strings it uses for NaN and the infinities (which
 * CloudWatch then refuses). Anything else is not a double at all.
 */
function double(value: unknown, parameter: string): number {
  if (typeof value === 'number') return value
  if (value === 'NaN') return Number.NaN
  if (value === 'Infinity') return Number.POSITIVE_INFINITY
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY
  throw new AwsError(400, 'SerializationException', `${parameter}: expected a number, got ${JSON.stringify(value)}`)
}

function recordable(value: number, parameter: string): number {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
    throw invalid(`The value ${String(value)} for parameter ${parameter} is invalid.`)
  }
  return value
}

function list(value: unknown, parameter: string): unknown[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    throw new AwsError(400, 'SerializationException', `${parameter}: expected a list, got ${JSON.stringify(value)}`)
  }
  return value
}

function text(value: unknown, parameter: string, max: number): string {
  if (value === undefined || value === null || value === '') throw missing(parameter)
  if (typeof value !== 'string') {
    throw new AwsError(400, 'SerializationException', `${parameter}: expected a string, got ${JSON.stringify(value)}`)
  }
  if (value.length > max) {
    throw invalid(`The parameter ${parameter} must be no longer than ${max} characters.`)
  }
  return value
}

function dimensionsOf(value: unknown, at: string): Record<string, string> {
  const items = list(value, `${at}.Dimensions`)
  if (items.length > MAX_DIMENSIONS) {
    throw invalid(`The collection ${at}.Dimensions must not have a size greater than ${MAX_DIMENSIONS}.`)
  }
  const out: Record<string, string> = {}
  items.forEach((item, i) => {
    const d: Unchecked<Dimension> = isRecord(item) ? item : {}
    const where = `${at}.Dimensions.member.${i + 1}`
    const name = text(d.Name, `${where}.Name`, 255)
    if (name in out) throw invalid(`The value ${name} for parameter ${where}.Name is duplicated.`)
    out[name] = text(d.Value, `${where}.Value`, 1024)
  })
  return out
}

function timestampOf(value: unknown, at: string, receivedAt: number): string {
  if (value === undefined || value === null) return new Date(receivedAt).toISOString()
  // The JSON protocol carries timestamps as epoch seconds.
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AwsError(
      400,
      'SerializationException',
      `${at}.Timestamp: expected epoch seconds, got ${JSON.stringify(value)}`
    )
  }
  return new Date(Math.round(value * 1000)).toISOString()
}

/** Value, Values (+ Counts) or StatisticValues: exactly one way of giving the data. */
function valuesOf(d: Datum, at: string): Pick<MetricPoint, 'value' | 'values' | 'counts' | 'statisticValues'> {
  const given = (['Value', 'Values', 'StatisticValues'] as const).filter((k) => d[k] !== undefined && d[k] !== null)
  if (given.length > 1) {
    throw combination(
      `The parameters ${given.map((k) => `${at}.${k}`).join(' and ')} are mutually exclusive and you have specified both.`
    )
  }
  if (given.length === 0) throw missing(`${at}.Value`)
  if (given[0] === 'Value') return { value: recordable(double(d.Value, `${at}.Value`), `${at}.Value`) }
  if (given[0] === 'Values') {
    const values = list(d.Values, `${at}.Values`).map((v, i) =>
      recordable(double(v, `${at}.Values.member.${i + 1}`), `${at}.Values.member.${i + 1}`)
    )
    if (values.length > MAX_VALUES) {
      throw invalid(`The collection ${at}.Values must not have a size greater than ${MAX_VALUES}.`)
    }
    if (d.Counts === undefined || d.Counts === null) return { values }
    const counts = list(d.Counts, `${at}.Counts`).map((c, i) => double(c, `${at}.Counts.member.${i + 1}`))
    if (counts.length !== values.length) {
      throw invalid(`The parameters ${at}.Values and ${at}.Counts must be of the same size.`)
    }
    return { values, counts }
  }
  const s = isRecord(d.StatisticValues) ? d.StatisticValues : {}
  const stat = (k: 'SampleCount' | 'Sum' | 'Minimum' | 'Maximum'): number => {
    if (s[k] === undefined || s[k] === null) throw missing(`${at}.StatisticValues.${k}`)
    return recordable(double(s[k], `${at}.StatisticValues.${k}`), `${at}.StatisticValues.${k}`)
  }
  return {
    statisticValues: {
      sampleCount: stat('SampleCount'),
      sum: stat('Sum'),
      minimum: stat('Minimum'),
      maximum: stat('Maximum')
    }
  }
}

function pointOf(item: unknown, index: number, namespace: string, receivedAt: number): MetricPoint {
  const at = `MetricData.member.${index + 1}`
  const d: Datum = isRecord(item) ? item : {}
  const name = text(d.MetricName, `${at}.MetricName`, 255)
  const dimensions = dimensionsOf(d.Dimensions, at)
  const unit = d.Unit === undefined || d.Unit === null ? 'None' : String(d.Unit)
  if (!UNITS.has(unit)) throw invalid(`The value ${unit} for parameter ${at}.Unit is invalid.`)
  const resolution = d.StorageResolution
  if (resolution !== undefined && resolution !== null && resolution !== 1 && resolution !== 60) {
    throw invalid(`The value ${String(resolution)} for parameter ${at}.StorageResolution is invalid.`)
  }
  return {
    namespace,
    name,
    ...valuesOf(d, at),
    unit,
    dimensions,
    timestamp: timestampOf(d.Timestamp, at, receivedAt),
    ...(typeof resolution === 'number' ? { storageResolution: resolution } : {})
  }
}

/**
 * A PutMetricData request checked as CloudWatch checks it, all or nothing: a namespace that is given and not
 * reserved (`AWS/`), at most 1000 data points (those of `EntityMetricData` count too), at most 30 dimensions each,
 * named metrics, known units, and finite values in CloudWatch's range.
 */
export function pointsOf(input: Input, receivedAt: number): MetricPoint[] {
  const namespace = text(input.Namespace, 'Namespace', 255)
  if (namespace.startsWith('AWS/') || namespace.startsWith(':')) {
    throw invalid(`The value ${namespace} for parameter Namespace is invalid.`)
  }
  const data = list(input.MetricData, 'MetricData')
  const entities = list(input.EntityMetricData, 'EntityMetricData').flatMap((entity, i) =>
    list(isRecord(entity) ? entity.MetricData : undefined, `EntityMetricData.member.${i + 1}.MetricData`)
  )
  const all = [...data, ...entities]
  if (all.length === 0) throw missing('MetricData')
  if (all.length > MAX_DATUMS) {
    throw invalid(`The collection MetricData must not have a size greater than ${MAX_DATUMS}.`)
  }
  return all.map((item, i) => pointOf(item, i, namespace, receivedAt))
}

/** What the stack's CloudWatch received. */
export class MetricStore {
  private readonly points: MetricPoint[] = []

  add(points: MetricPoint[]): void {
    this.points.push(...points)
  }

  all(): MetricPoint[] {
    return this.points.map((p) => ({ ...p, dimensions: { ...p.dimensions } }))
  }
}
