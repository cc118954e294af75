/**
 * What a synthesized (JSON) template becomes for given parameter values, for the few tests that need values rather
 * than shapes: which Rules refuse a deployment, which Conditions hold, and what a property resolves to. It knows
 * the functions the kb-sync stacks use (Ref, Condition, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::Sub,
 * Fn::Join, Fn::GetAtt, AWS::NoValue) and throws on any other, so a new function in a stack cannot be misread.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export type Template = Record<string, Json>

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

export interface Values {
  /** Parameter values; the template's defaults fill the rest. */
  parameters?: Record<string, string>
  /** `AWS::Partition`, `AWS::Region`, `AWS::AccountId`, `AWS::StackName`: what `Ref` and `${...}` give. */
  pseudo?: Record<string, string>
  /** What `Ref` to a resource and `Fn::GetAtt` give: { KbSyncRole: '…', 'KbSyncRole.Arn': 'arn:…' }. */
  resources?: Record<string, string>
}

const NO_VALUE = Symbol('AWS::NoValue')
type Value = Json | typeof NO_VALUE

function section(template: Template, name: string): Record<string, Json> {
  return (template[name] ?? {}) as Record<string, Json>
}

/** Parameter values after defaults, checked as CloudFormation checks them before anything else. */
export function parameterValues(template: Template, given: Record<string, string> = {}): Record<string, string> {
  const declared = section(template, 'Parameters') as Record<string, Record<string, Json>>
  for (const name of Object.keys(given)) if (!(name in declared)) throw new Error(`unknown parameter ${name}`)
  const values: Record<string, string> = {}
  for (const [name, spec] of Object.entries(declared)) {
    const value = given[name] ?? (spec.Default === undefined ? undefined : String(spec.Default))
    if (value === undefined) throw new Error(`parameter ${name} has no value and no default`)
    // CloudFormation matches the whole value against the pattern.
    if (typeof spec.AllowedPattern === 'string' && !new RegExp(`^(?:${spec.AllowedPattern})$`).test(value)) {
      throw new Error(`parameter ${name}: '${value}' does not match ${spec.AllowedPattern}`)
    }
    if (Array.isArray(spec.AllowedValues) && !spec.AllowedValues.map(String).includes(value)) {
      throw new Error(`parameter ${name}: '${value}' is not one of ${spec.AllowedValues.join(', ')}`)
    }
    if (spec.Type === 'Number') {
      const number = Number(value)
      if (value.trim() === '' || !Number.isFinite(number)) throw new Error(`parameter ${name}: '${value}' is no number`)
      if (typeof spec.MinValue === 'number' && number < spec.MinValue) throw new Error(`parameter ${name} < MinValue`)
      if (typeof spec.MaxValue === 'number' && number > spec.MaxValue) throw new Error(`parameter ${name} > MaxValue`)
    }
    values[name] = value
  }
  return values
}

class Evaluator {
  private readonly conditions = new Map<string, boolean>()

  constructor(
    private readonly template: Template,
    private readonly parameters: Record<string, string>,
    private readonly values: Values,
    /** In Rules, CloudFormation allows parameters only: no pseudo parameters, resources or template conditions. */
    private readonly inRules = false
  ) {}

  condition(name: string): boolean {
    const known = this.conditions.get(name)
    if (known !== undefined) return known
    const spec = section(this.template, 'Conditions')[name]
    if (spec === undefined) throw new Error(`unknown condition ${name}`)
    const value = this.evaluate(spec)
    if (typeof value !== 'boolean') throw new Error(`condition ${name} is not a boolean`)
    this.conditions.set(name, value)
    return value
  }

  private ref(name: string): Value {
    if (name in this.parameters) return this.parameters[name] as string
    if (this.inRules) throw new Error(`Rules: Ref ${name} is not a parameter`)
    if (name === 'AWS::NoValue') return NO_VALUE
    const value = name.startsWith('AWS::') ? this.values.pseudo?.[name] : this.values.resources?.[name]
    if (value === undefined) throw new Error(`no value given for Ref ${name}`)
    return value
  }

  private sub(text: string): string {
    return text.replace(/\$\{([^}!]+)\}/g, (_match, name: string) => {
      if (name.includes('.')) {
        const value = this.values.resources?.[name]
        if (value === undefined) throw new Error(`Fn::Sub: no value given for ${name}`)
        return value
      }
      return String(this.ref(name))
    })
  }

  private bool(value: Value, what: string): boolean {
    if (typeof value !== 'boolean') throw new Error(`${what} needs conditions, got ${String(value)}`)
    return value
  }

  evaluate(node: Json): Value {
    if (Array.isArray(node)) {
      return node.map((item) => this.evaluate(item)).filter((item): item is Json => item !== NO_VALUE)
    }
    if (node === null || typeof node !== 'object') return node
    const [key, ...others] = Object.keys(node)
    if (key !== undefined && others.length === 0 && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'))) {
      const arg = node[key] as Json
      const list = (): Json[] => arg as Json[]
      switch (key) {
        case 'Ref':
          return this.ref(String(arg))
        case 'Fn::Equals': {
          const [a, b] = list().map((item) => this.evaluate(item))
          return JSON.stringify(a) === JSON.stringify(b)
        }
        case 'Fn::Not':
          return !this.bool(this.evaluate(list()[0] as Json), key)
        case 'Fn::And':
          return list().every((item) => this.bool(this.evaluate(item), key))
        case 'Fn::Or':
          return list().some((item) => this.bool(this.evaluate(item), key))
      }
      if (this.inRules) throw new Error(`Rules: ${key} is not a rule function`)
      switch (key) {
        case 'Condition':
          return this.condition(String(arg))
        case 'Fn::If': {
          const [name, whenTrue, whenFalse] = arg as [string, Json, Json]
          return this.evaluate(this.condition(name) ? whenTrue : whenFalse)
        }
        case 'Fn::Sub':
          if (typeof arg !== 'string') throw new Error('Fn::Sub with a variable map is not used by the stacks')
          return this.sub(arg)
        case 'Fn::Join': {
          const [separator, items] = arg as [string, Json[]]
          return (this.evaluate(items) as Json[]).map(String).join(separator)
        }
        case 'Fn::GetAtt': {
          const path = (arg as string[]).join('.')
          const value = this.values.resources?.[path]
          if (value === undefined) throw new Error(`no value given for Fn::GetAtt ${path}`)
          return value
        }
        default:
          throw new Error(`${key} is not a function these tests evaluate`)
      }
    }
    const out: Record<string, Json> = {}
    for (const [name, value] of Object.entries(node)) {
      const evaluated = this.evaluate(value)
      if (evaluated !== NO_VALUE) out[name] = evaluated
    }
    return out
  }
}

/**
 * Checks the template's Rules for the parameter values, as CloudFormation does before it creates or updates
 * anything: for each rule whose RuleCondition holds (or that has none), every Assert must hold. Throws a
 * RuleViolation for the first one that does not.
 */
export function checkRules(template: Template, given: Record<string, string> = {}): void {
  const evaluator = new Evaluator(template, parameterValues(template, given), {}, true)
  for (const [name, rule] of Object.entries(section(template, 'Rules') as Record<string, Record<string, Json>>)) {
    if (rule.RuleCondition !== undefined && evaluator.evaluate(rule.RuleCondition) !== true) continue
    for (const assertion of rule.Assertions as Record<string, Json>[]) {
      if (evaluator.evaluate(assertion.Assert as Json) !== true) {
        throw new RuleViolation(name, String(assertion.AssertDescription))
      }
    }
  }
}

/** Whether a template condition holds for the parameter values. */
export function conditionHolds(template: Template, name: string, given: Record<string, string> = {}): boolean {
  return new Evaluator(template, parameterValues(template, given), {}).condition(name)
}

export interface Deployed {
  /** The resources that exist for these values, their properties resolved. */
  resources: Record<string, { Type: string; Properties: Record<string, Json> }>
  outputs: Record<string, Json>
}

/** The stack as deployed with these values: the Rules checked, then every condition and function resolved. */
export function deploy(template: Template, values: Values = {}): Deployed {
  checkRules(template, values.parameters)
  const evaluator = new Evaluator(template, parameterValues(template, values.parameters), values)
  const resources: Deployed['resources'] = {}
  for (const [name, spec] of Object.entries(section(template, 'Resources') as Record<string, Record<string, Json>>)) {
    if (typeof spec.Condition === 'string' && !evaluator.condition(spec.Condition)) continue
    resources[name] = {
      Type: String(spec.Type),
      Properties: evaluator.evaluate(spec.Properties ?? {}) as Record<string, Json>
    }
  }
  const outputs: Record<string, Json> = {}
  for (const [name, spec] of Object.entries(section(template, 'Outputs') as Record<string, Record<string, Json>>)) {
    if (typeof spec.Condition === 'string' && !evaluator.condition(spec.Condition)) continue
    outputs[name] = evaluator.evaluate(spec.Value as Json) as Json
  }
  return { resources, outputs }
}
