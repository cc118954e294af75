/**
 * Hostile text in every string that reaches the action from outside: the Lambda's answers, errors and log tail,
 * AWS error messages of every service, job and document failure reasons. HTML, Markdown (blank lines, headings,
 * links, images, tables), workflow commands (`::add-mask::`, `::stop-commands::`, `::error::`, `##[…]`), ANSI
 * escapes and every kind of line break. The recorder checks every run's log for commands and escapes and the
 * summary for markup; each scenario checks the text still reaches the reader, as text.
 */
import { expect } from '@jest/globals'
import type { CallMatcher } from '../../../local/stack.js'
import { rawPayload, type Stack } from '../../../local/stack.js'
import {
  INJECTED,
  type AreaTable,
  type Inputs,
  type MatrixContext,
  type MatrixRun,
  type Scenario,
  type Status
} from './support/matrix.js'

const LINE_BREAKS = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f']

/** Everything that could change the summary's HTML or Markdown. */
const MARKUP =
  '</td></tr></table></details></pre><img src=x onerror=alert(1)><script>alert(1)</script><a href="https://evil.example">a</a>' +
  '\n\n# INJECTED heading\n\n[INJECTED link](https://evil.example) ![INJECTED image](https://evil.example/x.png) ' +
  '<https://evil.example> **bold** _em_ `code` ~~strike~~ @someone #123\n\n| a | b |\n|---|---|\n| c | d |\n\n'

/** A workflow command after every kind of line break, and the legacy form inside a line. */
const COMMANDS =
  [
    `::add-mask::${INJECTED}-mask`,
    `::stop-commands::${INJECTED}-stop`,
    `::error title=x::${INJECTED} error`,
    `::warning::${INJECTED} warning`,
    `::set-output name=status::${INJECTED}`,
    `::group::${INJECTED} group`,
    `::debug::${INJECTED} debug`,
    `::endgroup::${INJECTED}`
  ]
    .map((command, i) => `${LINE_BREAKS[i]}${command}`)
    .join('') + ` and ##[error]${INJECTED} legacy ##[group]${INJECTED}`

const ESCAPES = `\u001b[31m${INJECTED} red\u001b[0m \u001b]8;;https://evil.example\u0007${INJECTED} osc\u001b]8;;\u0007 \u0000nul`

export const HOSTILE = `${MARKUP}${COMMANDS} ${ESCAPES}`
/** For XML bodies (STS), which cannot carry control characters. */
const HOSTILE_XML = `${MARKUP}${COMMANDS}`.split(/\v|\f|\u0085/).join('\n')

/** What the reader must still see of the text, as text. */
function expectShownAsText(text: string): void {
  expect(text).toContain('[INJECTED link](https://evil.example)')
  expect(text).toContain('<img src=x onerror=alert(1)>')
}

const FUNCTION = 'hostile-batch-sync'

function inProcess(stack: Stack, handler: () => unknown): Inputs {
  stack.setFunction(FUNCTION, { timeoutMs: 30_000, handler })
  return { function_name: FUNCTION }
}

const actionOnly =
  (stack: Stack): CallMatcher =>
  (_key, request) =>
    request.accessKeyId === stack.env.AWS_ACCESS_KEY_ID

interface Case {
  name: string
  /** Where the text ends up, besides the log line and the summary every case checks. */
  shows: string
  expect: Status
  /** Arms the fault; returns the run's inputs. */
  arm(stack: Stack, seeded: Record<string, unknown>[]): Inputs
  check?(run: MatrixRun, m: MatrixContext): void | Promise<void>
}

/** A mark only the Lambda's log tail carries. */
const TAIL_ONLY = 'TAIL-ONLY-incident-text'

const CASES: Case[] = [
  {
    name: 'failed_ids in the Lambda answer',
    shows: 'The run fails; the ids are listed in the error annotation and in the summary.',
    expect: 'failed',
    arm: (stack) =>
      inProcess(stack, () => ({
        successfully_synced: 0,
        failed: 2,
        total_processed: 2,
        has_more: false,
        failed_ids: [HOSTILE, `INC-2 ${HOSTILE}`]
      })),
    check: (run) => {
      expect(run.errorText).toContain('2 incidents failed to sync to S3')
      expectShownAsText(run.summary)
    }
  },
  {
    name: 'a function error message, with its log tail shown (lambda_log_tail: always)',
    shows: 'The run fails quoting the message; the log tail is shown in the summary, preformatted and escaped.',
    expect: 'failed',
    arm: (stack) => ({
      ...inProcess(stack, () => {
        console.log(`${TAIL_ONLY} ${HOSTILE}`)
        throw new Error(HOSTILE)
      }),
      lambda_log_tail: 'always'
    }),
    check: (run) => {
      expect(run.summary).toContain('<details><summary>Lambda log tail</summary>')
      expect(run.summary).toContain(TAIL_ONLY)
      expectShownAsText(run.summary)
    }
  },
  {
    name: 'a function error message, with its log tail withheld (lambda_log_tail: auto, public or unknown repository)',
    shows:
      'The run fails quoting the message; the log tail appears nowhere (log, summary, outputs), the summary says where to read it.',
    expect: 'failed',
    arm: (stack) =>
      inProcess(stack, () => {
        console.log(`${TAIL_ONLY} ${HOSTILE}`)
        throw new Error(HOSTILE)
      }),
    check: (run) => {
      expect(run.summary).toContain("The Lambda's log tail is not shown")
      for (const text of [run.stdout, run.stderr, run.summarySource, run.summary, ...Object.values(run.outputs)])
        expect(text).not.toContain(TAIL_ONLY)
      expectShownAsText(run.summary)
    }
  },
  {
    name: 'a handled function error whose type and message are hostile',
    shows: 'The run fails quoting the type and message.',
    expect: 'failed',
    arm: (stack) => {
      stack.faults.functionError({ errorType: `Type ${HOSTILE}`, errorMessage: HOSTILE, handled: true })
      return {}
    },
    check: (run) => {
      expect(run.errorText).toContain('failed (Handled)')
      expectShownAsText(run.summary)
    }
  },
  {
    name: 'a statusCode error body in the Lambda answer',
    shows: 'The run fails quoting the body message.',
    expect: 'failed',
    arm: (stack) => inProcess(stack, () => ({ statusCode: 500, body: JSON.stringify({ message: HOSTILE }) })),
    check: (run) => {
      expect(run.errorText).toContain('The Lambda answered statusCode 500')
      expectShownAsText(run.summary)
    }
  },
  {
    name: 'a Lambda answer that is not JSON',
    shows: 'The run fails quoting the first 500 characters as a JSON string.',
    expect: 'failed',
    arm: (stack) => inProcess(stack, () => rawPayload(HOSTILE)),
    check: (run) => expect(run.errorText).toContain("The Lambda's result is not JSON")
  },
  awsError('Invoke', { status: 400, code: 'InvalidRequestContentException' }, 'failed'),
  {
    ...awsError('dynamodb:Query', { status: 400, code: 'ValidationException' }, 'completed'),
    name: 'an AWS error message: DynamoDB Query (backlog count, a warning)',
    shows: 'The run completes; the message is quoted in the warning annotation and the summary warnings.',
    arm: (stack) => {
      stack.faults.error(
        'dynamodb:Query',
        { status: 400, code: 'ValidationException', message: HOSTILE },
        { times: 1, match: actionOnly(stack) }
      )
      return {}
    },
    check: (run) => {
      expect(run.warningText).toContain('Backlog count unavailable')
      expectShownAsText(run.summary)
    }
  },
  awsError('ListIngestionJobs', { status: 400, code: 'ValidationException' }, 'failed'),
  awsError('StartIngestionJob', { status: 400, code: 'ValidationException' }, 'failed'),
  awsError('GetIngestionJob', { status: 404, code: 'ResourceNotFoundException' }, 'failed'),
  {
    ...awsError('GetKnowledgeBase', { status: 400, code: 'ValidationException' }, 'failed'),
    name: 'an AWS error message: bedrock-agent GetKnowledgeBase (dry run)',
    shows: 'The dry run fails; the message is quoted in its check row.',
    arm: (stack) => {
      stack.faults.error('GetKnowledgeBase', { status: 400, code: 'ValidationException', message: HOSTILE })
      return { dry_run: 'true' }
    },
    check: (run) => {
      expect(run.summary).toContain('<tr><td>Knowledge base exists</td><td>❌ failed</td>')
      expectShownAsText(run.summary)
    }
  },
  {
    name: 'an AWS error message: STS AssumeRoleWithWebIdentity',
    shows: 'The run fails quoting STS.',
    expect: 'failed',
    arm: (stack) => {
      stack.faults.error('AssumeRoleWithWebIdentity', { status: 403, code: 'AccessDenied', message: HOSTILE_XML })
      return { role_to_assume: stack.ids.roleArn }
    },
    check: (run) => {
      expect(run.errorText).toContain('sts:AssumeRoleWithWebIdentity was refused')
      expectShownAsText(run.summary)
    }
  },
  {
    name: 'an error message of the GitHub OIDC token endpoint',
    shows: 'The run fails quoting the token client.',
    expect: 'failed',
    arm: (stack) => {
      stack.faults.error('GetIDToken', { status: 403, code: 'Forbidden', message: HOSTILE })
      return { role_to_assume: stack.ids.roleArn }
    },
    check: (run) => expect(run.errorText).toContain('Could not get a GitHub OIDC token')
  },
  {
    name: 'failure reasons of a FAILED job',
    shows: 'The run fails; the reasons are listed in the annotation, the summary and the result output.',
    expect: 'failed',
    arm: (stack) => {
      stack.faults.failNextJob([HOSTILE, `second reason ${HOSTILE}`])
      return {}
    },
    check: (run) => {
      expect(run.summary).toContain('Failure reasons</h4>')
      expectShownAsText(run.summary)
    }
  },
  {
    name: 'a failure reason of a document (fail_on_document_failures: true)',
    shows: 'The run fails quoting the reason.',
    expect: 'failed',
    arm: (stack, seeded) => {
      stack.faults.failDocument(`${stack.ids.prefix}${String(seeded[0]!.incident_id)}.json`, HOSTILE)
      return {}
    },
    check: (run) => {
      expect(run.errorText).toContain('documents failed to ingest')
      expectShownAsText(run.summary)
    }
  },
  {
    name: 'a failure reason of a document (fail_on_document_failures: false, a warning)',
    shows: 'The run completes; the reason is quoted in the warning.',
    expect: 'completed',
    arm: (stack, seeded) => {
      stack.faults.failDocument(`${stack.ids.prefix}${String(seeded[0]!.incident_id)}.json`, HOSTILE)
      return { fail_on_document_failures: 'false' }
    },
    check: (run) => {
      expect(run.warningText).toContain('documents failed to ingest')
      expectShownAsText(run.summary)
    }
  }
]

function awsError(op: string, error: { status: number; code: string }, expected: Status): Case {
  return {
    name: `an AWS error message: ${op}`,
    shows: expected === 'failed' ? 'The run fails quoting the message.' : 'The run completes quoting the message.',
    expect: expected,
    arm: (stack) => {
      stack.faults.error(op, { ...error, message: HOSTILE })
      return {}
    },
    check: (run) => {
      expect(run.errorText).toContain(error.code)
      expectShownAsText(run.summary)
    }
  }
}

function scenario(c: Case): Scenario {
  return {
    name: `hostile text in ${c.name}`,
    does: `${c.shows} In the log it stays on one line whose commands are broken; in the summary it is escaped text inside kb-sync's own elements.`,
    expect: c.expect,
    runs: 1,
    async run(m) {
      const seeded = await m.stack.seedIncidents(4, { status: 'CLOSED' })
      const inputs = c.arm(m.stack, seeded)
      const run = await m.kb(inputs)
      await c.check?.(run, m)
    }
  }
}

export const hostile: AreaTable = {
  area: 'hostile',
  title: 'Hostile text from outside',
  scenarios: CASES.map(scenario)
}
