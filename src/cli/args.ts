/**
 * The command line and the environment → which command, and where each input's value comes from. Every action
 * input is a flag (`knowledge_base_id` → `--knowledge-base-id`) and an environment variable
 * (`KB_SYNC_KNOWLEDGE_BASE_ID`); a flag wins over the environment, the environment over the default (which
 * parseInputs applies, so both fronts and the action share one set of defaults and one validation).
 */
import { parseArgs } from 'node:util'
import { INPUT_DEFAULTS, REQUIRED_INPUTS, YAML_TRUE, type InputName, type InputReader } from '../inputs.js'

export type Command = 'run' | 'sync' | 'status' | 'mcp'
/** The words that name a command (none: the whole pipeline), and `help`. */
const COMMAND_WORDS: readonly string[] = ['sync', 'status', 'mcp', 'help']

/** Every input, in action.yml's order: the required ones, then the rest. */
export const INPUT_NAMES: readonly InputName[] = [
  ...REQUIRED_INPUTS,
  ...(Object.keys(INPUT_DEFAULTS) as (keyof typeof INPUT_DEFAULTS)[])
]

/** An input whose default is a boolean takes a bare flag as true. */
export function isBooleanInput(name: InputName): boolean {
  const fallback: string | undefined =
    name in INPUT_DEFAULTS ? INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS] : undefined
  return fallback === 'true' || fallback === 'false'
}

export function flagName(name: InputName): string {
  return `--${name.replace(/_/g, '-')}`
}

export function envName(name: InputName): string {
  return `KB_SYNC_${name.toUpperCase()}`
}

/** Bad usage: the message names the flag or argument; the CLI exits 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export interface CliArgs {
  command: Command
  /** Input values given as flags, by input name. */
  flags: Partial<Record<InputName, string>>
  /** `kb-sync status [job id]`. */
  jobId?: string
  json: boolean
  verbose: boolean
  help: boolean
  version: boolean
}

const OWN_FLAGS = { json: 'json', verbose: 'verbose', help: 'help', version: 'version' } as const
const INPUT_BY_FLAG = new Map(INPUT_NAMES.map((name) => [flagName(name).slice(2), name]))
const JOB_ID = /^[0-9a-zA-Z]{10}$/

/**
 * A boolean input flag takes the next argument as its value unless that is a flag or a command: `--dry-run false`,
 * `--dry-run yes` (which parseInputs then refuses, naming --dry-run); alone, or before a flag or command, it means true.
 */
function bareBooleans(argv: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') {
      out.push(...argv.slice(i))
      break
    }
    const name = arg.startsWith('--') && !arg.includes('=') ? INPUT_BY_FLAG.get(arg.slice(2)) : undefined
    if (name === undefined || !isBooleanInput(name)) {
      out.push(arg)
      continue
    }
    const next = argv[i + 1]
    if (next !== undefined && !next.startsWith('-') && !COMMAND_WORDS.includes(next)) {
      out.push(`${arg}=${next}`)
      i++
    } else {
      out.push(`${arg}=true`)
    }
  }
  return out
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const options = {
    ...Object.fromEntries([...INPUT_BY_FLAG.keys()].map((flag) => [flag, { type: 'string' as const }])),
    json: { type: 'boolean' as const },
    verbose: { type: 'boolean' as const },
    help: { type: 'boolean' as const, short: 'h' },
    version: { type: 'boolean' as const }
  }
  // Not strict: each mistake is reported here, in words that name the flag, instead of parseArgs' own.
  const { tokens } = parseArgs({
    args: bareBooleans(argv),
    options,
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  const args: CliArgs = { command: 'run', flags: {}, json: false, verbose: false, help: false, version: false }
  const positionals: string[] = []
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value)
      continue
    }
    if (token.kind === 'option-terminator') continue
    const input = INPUT_BY_FLAG.get(token.name)
    if (input !== undefined && token.rawName.startsWith('--')) {
      if (token.value === undefined) throw new UsageError(`${token.rawName} needs a value.`)
      if (!token.inlineValue && token.value.startsWith('-') && token.value.length > 1) {
        throw new UsageError(
          `${token.rawName} needs a value, but the next argument is ${token.value}; to pass a value that starts with '-', write ${token.rawName}=${token.value}.`
        )
      }
      args.flags[input] = token.value
      continue
    }
    const own = (OWN_FLAGS as Record<string, keyof typeof OWN_FLAGS | undefined>)[token.name]
    if (own !== undefined && (token.rawName.startsWith('--') || own === 'help')) {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value.`)
      args[own] = true
      continue
    }
    throw new UsageError(`unknown flag ${token.rawName}${suggestion(token.rawName)}.`)
  }

  const [first, ...rest] = positionals
  if (first === 'help') {
    args.help = true
    if (rest[0] !== undefined) args.command = commandOf(rest[0])
    return args
  }
  if (first !== undefined) args.command = commandOf(first)
  if (args.command === 'status') {
    const [jobId, extra] = rest
    if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}': kb-sync status takes one job id.`)
    if (jobId !== undefined) {
      if (!JOB_ID.test(jobId)) {
        throw new UsageError(`'${jobId}' is not an ingestion job id: 10 letters or digits ([0-9a-zA-Z]{10}).`)
      }
      args.jobId = jobId
    }
  } else if (rest[0] !== undefined) {
    throw new UsageError(`unexpected argument '${rest[0]}'.`)
  }
  if (args.help || args.version) return args
  if (args.command === 'mcp' && args.json) {
    throw new UsageError('--json does not apply to kb-sync mcp: its answers are MCP tool results.')
  }
  if (args.command === 'sync') {
    if (args.flags.sync !== undefined && !YAML_TRUE.includes(args.flags.sync)) {
      throw new UsageError(`--sync ${args.flags.sync} contradicts kb-sync sync, which runs the sync phase.`)
    }
    if (args.flags.ingestion !== undefined && args.flags.ingestion.toLowerCase() !== 'never') {
      throw new UsageError(
        `--ingestion ${args.flags.ingestion} contradicts kb-sync sync, which never starts an ingestion job; run kb-sync for the whole pipeline.`
      )
    }
  }
  return args
}

function commandOf(word: string): Command {
  if (word !== 'help' && COMMAND_WORDS.includes(word)) return word as Command
  throw new UsageError(`unknown command '${word}': the commands are sync, status and mcp (none: the whole pipeline).`)
}

/** The closest known flag, when one is a typo away. */
function suggestion(rawName: string): string {
  const known = [...INPUT_BY_FLAG.keys(), ...Object.keys(OWN_FLAGS)]
  const given = rawName.replace(/^-+/, '')
  let best: { flag: string; distance: number } | undefined
  for (const flag of known) {
    const distance = editDistance(given, flag)
    if (distance <= Math.max(2, Math.floor(flag.length / 4)) && (!best || distance < best.distance)) {
      best = { flag, distance }
    }
  }
  return best ? ` (did you mean --${best.flag}?)` : ''
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost
      )
    }
    previous = current
  }
  return previous[b.length] as number
}

export interface InputSource {
  /** An input's raw value: its flag, else its environment variable, else undefined (parseInputs applies the default). */
  read: InputReader
  /** How messages name an input: the flag or variable that gave it, or both when neither did. */
  label: (name: InputName) => string
}

/**
 * The inputs from the flags and the environment. A variable set to the empty string counts as given, as an empty
 * action input does (an empty KB_SYNC_BACKLOG_TABLE turns the backlog check off). `fallbacks` fill inputs that
 * neither gives (the region of the AWS profile), each with the words that name where it came from.
 */
export function inputSource(
  flags: Partial<Record<InputName, string>>,
  env: NodeJS.ProcessEnv,
  fallbacks: Partial<Record<InputName, { value: string; label: string }>> = {}
): InputSource {
  return {
    read: (name) => flags[name] ?? env[envName(name)] ?? fallbacks[name]?.value,
    label: (name) => {
      if (flags[name] !== undefined) return flagName(name)
      if (env[envName(name)] !== undefined) return envName(name)
      return fallbacks[name]?.label ?? `${flagName(name)} (or ${envName(name)})`
    }
  }
}

/** A source with some inputs fixed by the command or tool (`kb-sync sync`: ingestion never), named as they are. */
export function withFixed(
  source: InputSource,
  fixed: Partial<Record<InputName, { value: string; label: string }>>
): InputSource {
  return {
    read: (name) => fixed[name]?.value ?? source.read(name),
    label: (name) => fixed[name]?.label ?? source.label(name)
  }
}
