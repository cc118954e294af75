/**
 * Reads a CloudFormation YAML template (short-form tags `!Ref`, `!Sub`, `!If`, ... included) and renders it for
 * given parameter values: rules checked, conditions evaluated, intrinsic functions resolved, `AWS::NoValue` removed.
 * Enough of CloudFormation for tests that assert what a template grants, and what it refuses to deploy; not a full
 * engine.
 */
import { readFileSync } from 'node:fs'
import { parse, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml'

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/** Short-form tag → long form. `!Ref` and `!Condition` keep their names; `!GetAtt a.b` becomes a list. */
const SHORT_FORMS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Transform: 'Fn::Transform',
  // Rule-specific functions (Rules only)
  Contains: 'Fn::Contains',
  EachMemberEquals: 'Fn::EachMemberEquals',
  EachMemberIn: 'Fn::EachMemberIn',
  RefAll: 'Fn::RefAll',
  ValueOf: 'Fn::ValueOf',
  ValueOfAll: 'Fn::ValueOfAll'
}

function cloudFormationTags(): (ScalarTag | CollectionTag)[] {
  const tags: (ScalarTag | CollectionTag)[] = []
  for (const [short, long] of Object.entries(SHORT_FORMS)) {
    tags.push({
      tag: `!${short}`,
      resolve: (value: string) => ({ [long]: long === 'Fn::GetAtt' ? value.split('.') : value })
    })
    for (const collection of ['seq', 'map'] as const) {
      tags.push({
        tag: `!${short}`,
        collection,
        resolve: (value: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [long]: value.toJSON() as Json })
      })
    }
  }
  return tags
}

/** Parses CloudFormation YAML into its long (JSON) form. */
export function parseCloudFormation(text: string): Record<string, Json> {
  const parsed: unknown = parse(text, { customTags: cloudFormationTags(), uniqueKeys: true })
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('a CloudFormation template is a mapping')
  }
  return parsed as Record<string, Json>
}

export function loadCloudFormation(file: string): Record<string, Json> {
  return parseCloudFormation(readFileSync(file, 'utf8'))
}

export interface PseudoParameters {
  'AWS::Partition': string
  'AWS::Region': string
  'AWS::AccountId': string
  'AWS::StackName'?: string
}

export interface RenderOptions {
  parameters: Record<string, string>
  pseudo: PseudoParameters
  /** What `Ref` and `Fn::GetAtt` of a resource return, e.g. { KbSyncRole: 'arn:…', 'KbSyncRole.Arn': 'arn:…' }. */
  resourceValues?: Record<string, string>
  /** Check parameter values against AllowedPattern / AllowedValues / MinValue / MaxValue (default true). */
  checkConstraints?: boolean
}

export interface RenderedResource {
  Type: string
  Properties: Record<string, Json>
}

export interface RenderedTemplate {
  parameters: Record<string, string>
  conditions: Record<string, boolean>
  resources: Record<string, RenderedResource>
  outputs: Record<string, Json>
}

const NO_VALUE = Symbol('AWS::NoValue')
type Value = Json | typeof NO_VALUE

function asMap(value: Json | undefined, what: string): Record<string, Json> {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} is not a mapping`)
  return value
}

/** Parameter values after defaults, checked against the template's constraints. */
export function resolveParameters(
  template: Record<string, Json>,
  given: Record<string, string>,
  checkConstraints = true
): Record<string, string> {
  const declared = asMap(template.Parameters, 'Parameters')
  for (const name of Object.keys(given)) {
    if (!(name in declared)) throw new Error(`unknown parameter ${name}`)
  }
  const values: Record<string, string> = {}
  for (const [name, raw] of Object.entries(declared)) {
    const spec = asMap(raw, `parameter ${name}`)
    const value = given[name] ?? (spec.Default === undefined ? undefined : String(spec.Default))
    if (value === undefined) throw new Error(`parameter ${name} has no value and no default`)
    if (checkConstraints) {
      if (typeof spec.AllowedPattern === 'string' && !new RegExp(`^(?:${spec.AllowedPattern})$`).test(value)) {
        throw new Error(`parameter ${name}: '${value}' does not match ${spec.AllowedPattern}`)
      }
      if (Array.isArray(spec.AllowedValues) && !spec.AllowedValues.map(String).includes(value)) {
        throw new Error(`parameter ${name}: '${value}' is not one of ${spec.AllowedValues.join(', ')}`)
      }
      if (spec.Type === 'Number') {
        const number = Number(value)
        if (!Number.isFinite(number)) throw new Error(`parameter ${name}: '${value}' is not a number`)
        if (typeof spec.MinValue === 'number' && number < spec.MinValue) throw new Error(`parameter ${name} < min`)
        if (typeof spec.MaxValue === 'number' && number > spec.MaxValue) throw new Error(`parameter ${name} > max`)
      }
    }
    values[name] = value
  }
  return values
}

/** A failed rule assertion: CloudFormation refuses the stack operation with the assertion's description. */
export class RuleViolation extends Error {
  constructor(
    readonly rule: string,
    readonly description: string
  ) {
    super(`rule ${rule}: ${description}`)
    this.name = 'RuleViolation'
  }
}

/**
 * One rule-specific intrinsic function (Ref to a parameter, Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::Contains).
 * Rules may not use the template's Conditions or pseudo parameters, so anything else is an error here as it is
 * in CloudFormation.
 */
function evaluateRuleFunction(node: Json, parameters: Record<string, string>): Json {
  if (node === null || typeof node !== 'object') return node
  if (Array.isArray(node)) return node.map((item) => evaluateRuleFunction(item, parameters))
  const keys = Object.keys(node)
  const key = keys[0] as string
  if (keys.length !== 1) throw new Error(`Rules: expected one function, got ${keys.join(', ')}`)
  const arg = node[key] as Json
  const list = (what: string, min: number, max: number): Json[] => {
    if (!Array.isArray(arg) || arg.length < min || arg.length > max) {
      throw new Error(`Rules: ${key} takes ${what}`)
    }
    return arg.map((item) => evaluateRuleFunction(item, parameters))
  }
  const bool = (value: Json): boolean => {
    if (typeof value !== 'boolean') throw new Error(`Rules: ${key} needs conditions, got ${JSON.stringify(value)}`)
    return value
  }
  switch (key) {
    case 'Ref':
      if (!(String(arg) in parameters)) throw new Error(`Rules: Ref ${String(arg)} is not a parameter`)
      return parameters[String(arg)] as string
    case 'Fn::Equals': {
      const [a, b] = list('two values', 2, 2)
      return String(a) === String(b)
    }
    case 'Fn::Not':
      return !bool(list('one condition', 1, 1)[0] as Json)
    case 'Fn::And':
      return list('2 to 10 conditions', 2, 10).map(bool).every(Boolean)
    case 'Fn::Or':
      return list('2 to 10 conditions', 2, 10).map(bool).some(Boolean)
    case 'Fn::Contains': {
      const [values, value] = list('a list and a value', 2, 2)
      if (!Array.isArray(values)) throw new Error('Rules: Fn::Contains takes a list first')
      return values.map(String).includes(String(value))
    }
    default:
      throw new Error(`Rules: ${key} is not a rule function this evaluator knows`)
  }
}

/**
 * Checks the template's Rules for the parameter values, as CloudFormation does before it creates or updates
 * anything: for each rule whose RuleCondition holds (or that has none), every Assert must be true. Throws a
 * RuleViolation for the first assertion that is not.
 */
export function checkRules(template: Record<string, Json>, parameters: Record<string, string>): void {
  for (const [name, raw] of Object.entries(asMap(template.Rules, 'Rules'))) {
    const rule = asMap(raw, `rule ${name}`)
    if (rule.RuleCondition !== undefined) {
      const applies = evaluateRuleFunction(rule.RuleCondition, parameters)
      if (typeof applies !== 'boolean') throw new Error(`rule ${name}: RuleCondition is not a condition`)
      if (!applies) continue
    }
    if (!Array.isArray(rule.Assertions) || rule.Assertions.length === 0) {
      throw new Error(`rule ${name} has no Assertions`)
    }
    for (const assertionRaw of rule.Assertions) {
      const assertion = asMap(assertionRaw, `rule ${name} assertion`)
      const holds = evaluateRuleFunction(assertion.Assert as Json, parameters)
      if (typeof holds !== 'boolean') throw new Error(`rule ${name}: Assert is not a condition`)
      if (!holds) throw new RuleViolation(name, String(assertion.AssertDescription ?? 'assertion failed'))
    }
  }
}

class Renderer {
  readonly conditions: Record<string, boolean> = {}
  private readonly conditionSpecs: Record<string, Json>

  constructor(
    private readonly template: Record<string, Json>,
    private readonly parameters: Record<string, string>,
    private readonly options: RenderOptions
  ) {
    this.conditionSpecs = asMap(template.Conditions, 'Conditions')
    for (const name of Object.keys(this.conditionSpecs)) this.condition(name)
  }

  condition(name: string): boolean {
    if (name in this.conditions) return this.conditions[name] as boolean
    const spec = this.conditionSpecs[name]
    if (spec === undefined) throw new Error(`unknown condition ${name}`)
    const value = this.evaluate(spec)
    if (typeof value !== 'boolean') throw new Error(`condition ${name} is not a boolean`)
    this.conditions[name] = value
    return value
  }

  private ref(name: string): Value {
    if (name === 'AWS::NoValue') return NO_VALUE
    if (name.startsWith('AWS::')) {
      const value = this.options.pseudo[name as keyof PseudoParameters]
      if (value === undefined) throw new Error(`no value for pseudo parameter ${name}`)
      return value
    }
    if (name in this.parameters) return this.parameters[name] as string
    const resource = this.options.resourceValues?.[name]
    if (resource !== undefined) return resource
    throw new Error(`Ref to ${name}: not a parameter, and no value given for the resource`)
  }

  private sub(text: string, variables: Record<string, Json>): string {
    return text.replace(/\$\{([^}!][^}]*)\}/g, (_match, name: string) => {
      if (name in variables) return String(variables[name])
      if (name.includes('.')) {
        const value = this.options.resourceValues?.[name]
        if (value === undefined) throw new Error(`Fn::Sub: no value for ${name}`)
        return value
      }
      const value = this.ref(name)
      if (typeof value !== 'string') throw new Error(`Fn::Sub: \${${name}} is not a string`)
      return value
    })
  }

  evaluate(node: Json): Value {
    if (Array.isArray(node)) {
      return node.map((item) => this.evaluate(item)).filter((item): item is Json => item !== NO_VALUE)
    }
    if (node === null || typeof node !== 'object') return node
    const keys = Object.keys(node)
    if (keys.length === 1) {
      const key = keys[0] as string
      const arg = node[key] as Json
      switch (key) {
        case 'Ref':
          return this.ref(String(arg))
        case 'Condition':
          return this.condition(String(arg))
        case 'Fn::If': {
          const [name, whenTrue, whenFalse] = arg as [string, Json, Json]
          return this.evaluate(this.condition(name) ? whenTrue : whenFalse)
        }
        case 'Fn::Equals': {
          const [a, b] = (arg as Json[]).map((item) => this.evaluate(item))
          return JSON.stringify(a) === JSON.stringify(b)
        }
        case 'Fn::Not':
          return !this.evaluate((arg as Json[])[0] as Json)
        case 'Fn::And':
          return (arg as Json[]).every((item) => this.evaluate(item) === true)
        case 'Fn::Or':
          return (arg as Json[]).some((item) => this.evaluate(item) === true)
        case 'Fn::Sub': {
          if (typeof arg === 'string') return this.sub(arg, {})
          const [text, variables] = arg as [string, Record<string, Json>]
          const resolved: Record<string, Json> = {}
          for (const [name, value] of Object.entries(variables)) resolved[name] = this.evaluate(value) as Json
          return this.sub(text, resolved)
        }
        case 'Fn::Join': {
          const [separator, items] = arg as [string, Json[]]
          return (this.evaluate(items) as Json[]).map(String).join(separator)
        }
        case 'Fn::Select': {
          const [index, items] = arg as [Json, Json]
          return (this.evaluate(items) as Json[])[Number(this.evaluate(index))] as Json
        }
        case 'Fn::Split': {
          const [separator, text] = arg as [string, Json]
          return String(this.evaluate(text)).split(separator)
        }
        case 'Fn::GetAtt': {
          const path = (typeof arg === 'string' ? arg.split('.') : (arg as string[])).join('.')
          const value = this.options.resourceValues?.[path]
          if (value === undefined) throw new Error(`Fn::GetAtt ${path}: no value given`)
          return value
        }
        default:
          if (key.startsWith('Fn::')) throw new Error(`${key} is not supported by this renderer`)
      }
    }
    const out: Record<string, Json> = {}
    for (const [key, value] of Object.entries(node)) {
      const evaluated = this.evaluate(value)
      if (evaluated !== NO_VALUE) out[key] = evaluated
    }
    return out
  }
}

/** Renders the template for the given parameters: only the resources whose condition holds, fully resolved. */
export function renderCloudFormation(template: Record<string, Json>, options: RenderOptions): RenderedTemplate {
  const parameters = resolveParameters(template, options.parameters, options.checkConstraints ?? true)
  checkRules(template, parameters)
  const renderer = new Renderer(template, parameters, options)
  const resources: Record<string, RenderedResource> = {}
  for (const [name, raw] of Object.entries(asMap(template.Resources, 'Resources'))) {
    const spec = asMap(raw, `resource ${name}`)
    if (typeof spec.Condition === 'string' && !renderer.condition(spec.Condition)) continue
    resources[name] = {
      Type: String(spec.Type),
      Properties: asMap(renderer.evaluate(spec.Properties ?? {}) as Json, `${name}.Properties`)
    }
  }
  const outputs: Record<string, Json> = {}
  for (const [name, raw] of Object.entries(asMap(template.Outputs, 'Outputs'))) {
    const spec = asMap(raw, `output ${name}`)
    if (typeof spec.Condition === 'string' && !renderer.condition(spec.Condition)) continue
    outputs[name] = renderer.evaluate(spec.Value as Json) as Json
  }
  return { parameters, conditions: renderer.conditions, resources, outputs }
}

/** One IAM policy statement, normalised: Action and Resource always lists. */
export interface PolicyStatement {
  Sid?: string
  Effect: string
  Action: string[]
  Resource: string[]
  Principal?: Json
  Condition?: Record<string, Record<string, Json>>
}

function toList(value: Json | undefined): string[] {
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map(String)
}

export function policyStatements(document: Json | undefined): PolicyStatement[] {
  const statements = asMap(document, 'policy document').Statement
  return (Array.isArray(statements) ? statements : statements === undefined ? [] : [statements]).map((raw) => {
    const statement = asMap(raw, 'statement')
    return {
      ...(statement.Sid === undefined ? {} : { Sid: String(statement.Sid) }),
      Effect: String(statement.Effect),
      Action: toList(statement.Action),
      Resource: toList(statement.Resource),
      ...(statement.Principal === undefined ? {} : { Principal: statement.Principal }),
      ...(statement.Condition === undefined
        ? {}
        : { Condition: statement.Condition as Record<string, Record<string, Json>> })
    }
  })
}
