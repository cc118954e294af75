/**
 * Derives the IAM actions a code base needs from the AWS SDK v3 calls in its source, so a permissions policy can be
 * compared with the code instead of with a hand-kept list.
 *
 * What counts as a call (value imports from `@aws-sdk/*` packages, read with the TypeScript parser):
 * - an imported `XxxCommand` (`import { InvokeCommand } from '@aws-sdk/client-lambda'`, aliases included), and
 *   `ns.XxxCommand` through a namespace import;
 * - an imported paginator `paginateXxx`, which sends `XxxCommand`;
 * - the same names taken from a dynamic `await import('@aws-sdk/…')` (a client loaded only when it is needed).
 * Anything the derivation cannot read is reported in `unsupported` rather than guessed: the aggregated clients
 * (`new Lambda()` with `client.invoke()`), waiters (`waitUntil…`), a dynamic `import()` of an SDK package that is
 * not destructured or bound to a name, and
 * packages without a known IAM prefix. Type-only imports are ignored.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/** SDK package → IAM service prefix. */
export const IAM_PREFIX_BY_PACKAGE: Readonly<Record<string, string>> = {
  '@aws-sdk/client-lambda': 'lambda',
  '@aws-sdk/client-bedrock-agent': 'bedrock',
  '@aws-sdk/client-bedrock-agent-runtime': 'bedrock',
  '@aws-sdk/client-bedrock-runtime': 'bedrock',
  '@aws-sdk/client-bedrock': 'bedrock',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/client-sts': 'sts',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-cloudwatch': 'cloudwatch'
}

/**
 * API operations whose IAM action has another name. Lambda's `Invoke` API is authorised as `lambda:InvokeFunction`
 * (the service authorization reference lists no `lambda:Invoke`).
 */
export const IAM_ACTION_BY_OPERATION: Readonly<Record<string, string>> = {
  'lambda:Invoke': 'lambda:InvokeFunction',
  'lambda:InvokeWithResponseStream': 'lambda:InvokeFunction',
  // lib-dynamodb's document-client commands send the plain DynamoDB operations.
  'dynamodb:BatchGet': 'dynamodb:BatchGetItem',
  'dynamodb:BatchWrite': 'dynamodb:BatchWriteItem',
  'dynamodb:Get': 'dynamodb:GetItem',
  'dynamodb:Put': 'dynamodb:PutItem',
  'dynamodb:Update': 'dynamodb:UpdateItem',
  'dynamodb:Delete': 'dynamodb:DeleteItem',
  's3:ListObjectsV2': 's3:ListBucket',
  // HEAD is a GET without the body, authorised as one.
  's3:HeadObject': 's3:GetObject'
}

/**
 * Operations that need no permission on the caller's identity. `AssumeRoleWithWebIdentity` is sent without
 * credentials: the target role's trust policy authorises it. `GetCallerIdentity` is always allowed.
 */
export const NO_PERMISSION_NEEDED: ReadonlySet<string> = new Set([
  'sts:AssumeRoleWithWebIdentity',
  'sts:GetCallerIdentity'
])

/** Aggregated (non-modular) client classes: their method calls cannot be mapped to operations here. */
const AGGREGATED_CLIENT =
  /^(Lambda|BedrockAgent|BedrockAgentRuntime|BedrockRuntime|Bedrock|DynamoDB|DynamoDBDocument|STS|S3|CloudWatch)$/

export interface AwsCall {
  /** `lambda:Invoke`: IAM prefix and API operation name. */
  operation: string
  /** The IAM action it needs: `lambda:InvokeFunction`. */
  iamAction: string
  packageName: string
  /** `src/pipeline/sync.ts:6` */
  where: string
}

export interface AwsCallScan {
  calls: AwsCall[]
  /** Imports the scan cannot translate into operations; a policy check must treat them as a failure. */
  unsupported: string[]
  files: string[]
}

/** `.ts` files under `dir`, recursively, minus excluded directories and declaration files; sorted. */
export function listSourceFiles(dir: string, excludeDirs: readonly string[] = []): string[] {
  const excluded = excludeDirs.map((entry) => path.resolve(entry))
  const files: string[] = []
  const walk = (current: string): void => {
    if (excluded.includes(path.resolve(current))) return
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(full)
    }
  }
  walk(dir)
  return files
}

function operationOf(prefix: string, name: string): string | undefined {
  const command = /^([A-Z][A-Za-z0-9]*)Command$/.exec(name)
  if (command) return `${prefix}:${command[1]}`
  const paginator = /^paginate([A-Z][A-Za-z0-9]*)$/.exec(name)
  if (paginator) return `${prefix}:${paginator[1]}`
  return undefined
}

/** Scans source text (one file) for AWS SDK v3 calls. */
export function scanSource(fileName: string, text: string, displayName = fileName): AwsCallScan {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const calls: AwsCall[] = []
  const unsupported: string[] = []
  const namespaces = new Map<string, string>() // local namespace name → package
  const lineOf = (node: ts.Node): string =>
    `${displayName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`

  const record = (packageName: string, exported: string, node: ts.Node): void => {
    const prefix = IAM_PREFIX_BY_PACKAGE[packageName]
    const isCommand = operationOf('x', exported) !== undefined
    if (prefix === undefined) {
      if (isCommand || AGGREGATED_CLIENT.test(exported)) {
        unsupported.push(`${lineOf(node)}: ${exported} from ${packageName} (no IAM prefix known for the package)`)
      }
      return
    }
    if (/^waitUntil/.test(exported)) {
      unsupported.push(`${lineOf(node)}: waiter ${exported} (map the operations it polls by hand)`)
      return
    }
    if (AGGREGATED_CLIENT.test(exported)) {
      unsupported.push(`${lineOf(node)}: aggregated client ${exported} (use XxxClient with XxxCommand instead)`)
      return
    }
    const operation = operationOf(prefix, exported)
    if (operation === undefined) return
    calls.push({
      operation,
      iamAction: IAM_ACTION_BY_OPERATION[operation] ?? operation,
      packageName,
      where: lineOf(node)
    })
  }

  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      node.moduleSpecifier.text.startsWith('@aws-sdk/')
    ) {
      const packageName = node.moduleSpecifier.text
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause
        if (clause !== undefined && !clause.isTypeOnly) {
          const bindings = clause.namedBindings
          if (bindings !== undefined && ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, packageName)
          if (bindings !== undefined && ts.isNamedImports(bindings)) {
            for (const element of bindings.elements) {
              if (!element.isTypeOnly) record(packageName, (element.propertyName ?? element.name).text, element)
            }
          }
        }
      } else if (!node.isTypeOnly) {
        const clause = node.exportClause
        if (clause === undefined || ts.isNamespaceExport(clause)) {
          unsupported.push(`${lineOf(node)}: re-export of all of ${packageName}`)
        } else {
          for (const element of clause.elements) {
            if (!element.isTypeOnly) record(packageName, (element.propertyName ?? element.name).text, element)
          }
        }
      }
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      node.arguments[0].text.startsWith('@aws-sdk/')
    ) {
      // `const { XCommand } = await import('@aws-sdk/…')` and `const sdk = await import('@aws-sdk/…')` read like
      // static imports; anything else (a module passed around, a computed name) cannot be followed.
      const packageName = node.arguments[0].text
      const declaration = ts.isAwaitExpression(node.parent) ? node.parent.parent : undefined
      if (declaration !== undefined && ts.isVariableDeclaration(declaration)) {
        if (ts.isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            const imported = element.propertyName ?? element.name
            if (ts.isIdentifier(imported)) record(packageName, imported.text, element)
          }
        } else if (ts.isIdentifier(declaration.name)) {
          namespaces.set(declaration.name.text, packageName)
        }
      } else {
        unsupported.push(`${lineOf(node)}: dynamic import of ${packageName}`)
      }
    } else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      namespaces.has(node.expression.text)
    ) {
      record(namespaces.get(node.expression.text) as string, node.name.text, node)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { calls, unsupported, files: [displayName] }
}

/** Scans files on disk; `root` only shortens the file names in the report. */
export function scanFiles(files: readonly string[], root = process.cwd()): AwsCallScan {
  const result: AwsCallScan = { calls: [], unsupported: [], files: [] }
  for (const file of files) {
    const display = path.relative(root, file).split(path.sep).join('/')
    const scan = scanSource(file, readFileSync(file, 'utf8'), display)
    result.calls.push(...scan.calls)
    result.unsupported.push(...scan.unsupported)
    result.files.push(display)
  }
  return result
}

/** The sorted set of IAM actions that the calls need, minus those that need no permission. */
export function requiredIamActions(scan: AwsCallScan): string[] {
  return [...new Set(scan.calls.map((call) => call.iamAction))]
    .filter((action) => !NO_PERMISSION_NEEDED.has(action))
    .sort()
}

/**
 * Operations only the terminal fronts make, signed by the person who runs them: outside a workflow the CLI and the
 * MCP server assume role_to_assume with sts:AssumeRole (src/aws/credentials.ts), which is that person's permission,
 * not the action role's.
 */
export const FRONT_ONLY_OPERATIONS: ReadonlySet<string> = new Set(['sts:AssumeRole'])

/** The terminal fronts' own code (the CLI and the MCP server), which the action never loads. */
export const FRONT_DIRS = ['cli', 'mcp'] as const

/**
 * The IAM actions the kb-sync action's own code needs: `src/**\/*.ts` except `src/lambda/` (the reference
 * batch-sync Lambda runs under its own execution role), the terminal fronts' directories, and the operations only
 * they make (FRONT_ONLY_OPERATIONS).
 */
export function scanActionSource(repoRoot: string): AwsCallScan {
  const src = path.join(repoRoot, 'src')
  const excluded = [path.join(src, 'lambda'), ...FRONT_DIRS.map((dir) => path.join(src, dir))]
  const scan = scanFiles(listSourceFiles(src, excluded), repoRoot)
  return { ...scan, calls: scan.calls.filter((call) => !FRONT_ONLY_OPERATIONS.has(call.operation)) }
}

/** Every AWS call of src/ but the reference Lambda: the action's and the terminal fronts' together. */
export function scanAllFrontsSource(repoRoot: string): AwsCallScan {
  const src = path.join(repoRoot, 'src')
  return scanFiles(listSourceFiles(src, [path.join(src, 'lambda')]), repoRoot)
}

/** The IAM actions the reference batch-sync Lambda's code needs: `src/lambda/**\/*.ts`, under its execution role. */
export function scanLambdaSource(repoRoot: string): AwsCallScan {
  return scanFiles(listSourceFiles(path.join(repoRoot, 'src', 'lambda')), repoRoot)
}

type TemplateJson = Record<string, unknown>

/**
 * The sorted set of IAM actions that a role's inline policies allow in a synthesized template, whichever of its
 * conditions hold: a statement under `Fn::If` counts with both branches.
 */
export function grantedIamActions(template: TemplateJson, roleLogicalId: string): string[] {
  const resources = template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>
  const role = resources[roleLogicalId]
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`${roleLogicalId} is not a role of the template`)
  const statements = (node: unknown): Record<string, unknown>[] => {
    if (Array.isArray(node)) return node.flatMap(statements)
    if (node === null || typeof node !== 'object') return []
    const record = node as Record<string, unknown>
    if ('Fn::If' in record) return statements((record['Fn::If'] as unknown[]).slice(1))
    if ('Ref' in record) return [] // AWS::NoValue
    return [record]
  }
  const policies = (role.Properties.Policies ?? []) as { PolicyDocument: { Statement: unknown } }[]
  return [
    ...new Set(
      policies
        .flatMap((policy) => statements(policy.PolicyDocument.Statement))
        .filter((statement) => statement.Effect === 'Allow')
        .flatMap((statement) => [statement.Action as string | string[]].flat())
    )
  ].sort()
}
