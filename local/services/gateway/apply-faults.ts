import { Abandoned, AwsError, wait, type Call } from '../common/protocol.js'
import type { Faults } from '../faults/faults.js'
import type { FaultRequest, OperationFault } from '../faults/types.js'
import type { FaultStyle } from './service.js'
import { resetConnection, takeOverResponse } from './transport.js'

/** How a call made by a service reaches the fault hooks. */
export interface FaultContext {
  /** The ARN an IAM denial names. */
  resource: () => Promise<string> | string
  principalOf: (accessKeyId?: string) => string
  /** What predicates see as the call's key (see `FaultRequest.key`). */
  key?: (body: Buffer) => string
}

function label(fault: OperationFault): string {
  return fault.kind === 'stall' || fault.kind === 'reset' ? `${fault.kind}:${fault.phase}` : fault.kind
}

type Taken = ReturnType<Faults['takeArmed']>[number]

/** The call as fault predicates see it; `environment` when one of the stack's Lambda environments made it. */
async function faultRequest(
  faults: Faults,
  call: Call,
  operation: string,
  context: FaultContext
): Promise<FaultRequest> {
  const body = await call.body()
  const token = call.headers['x-amz-security-token']
  const environment = typeof token === 'string' ? faults.environments?.idOf(token) : undefined
  const request: FaultRequest = {
    service: call.service,
    operation,
    key: '',
    method: call.method,
    path: call.url.pathname,
    headers: call.headers,
    body: body.toString('utf8'),
    accessKeyId: call.accessKeyId,
    ...(environment !== undefined ? { environment } : {})
  }
  try {
    request.key = context.key?.(body) ?? ''
  } catch {
    // A body the service will refuse has no key.
  }
  return request
}

/** A delay, then a hold: the call goes on afterwards, unless the stack stopped meanwhile. */
async function holdBack(call: Call, taken: Taken[]): Promise<void> {
  const delay = taken.find((t) => t.fault.kind === 'delay')?.fault
  if (delay?.kind === 'delay') {
    call.faults.push('delay')
    if (!(await wait(delay.ms, call.stopped))) throw new Abandoned()
  }
  const hold = taken.find((t) => t.fault.kind === 'hold')?.fault
  if (hold?.kind === 'hold') {
    call.faults.push('hold')
    hold.gate.enter()
    let released = false
    await Promise.race([hold.gate.opened.then(() => (released = true)), call.stopped])
    hold.gate.leave()
    if (!released) throw new Abandoned()
  }
}

/** A before-headers stall or reset: the call is not executed (yet), or never. */
async function beforeHeaders(call: Call, answer: OperationFault | undefined): Promise<void> {
  if (answer?.kind === 'stall' && answer.phase === 'before-headers') {
    if (answer.ms === undefined) {
      await call.closed
      throw new Abandoned()
    }
    if (!(await wait(answer.ms, call.closed))) throw new Abandoned()
  }
  if (answer?.kind === 'reset' && answer.phase === 'before-headers') {
    resetConnection(call)
    throw new Abandoned()
  }
}

/**
 * An after-headers stall or reset, or a crashAfter: the service answers as usual, and the answer is then delivered
 * broken, or the calling environment is killed first (only when the call took effect).
 */
function afterHeaders(
  faults: Faults,
  call: Call,
  answer: OperationFault | undefined,
  crash: Taken | undefined,
  environment: string | undefined
): void {
  const transport = answer?.kind === 'stall' || answer?.kind === 'reset' ? answer : undefined
  if (transport === undefined && crash === undefined) return
  takeOverResponse(call, async (status, deliver) => {
    if (crash?.fault.kind === 'crashAfter' && environment !== undefined) {
      // Only a call that took effect counts: the environment dies knowing nothing of its success.
      if (status < 300) {
        call.faults.push('crashAfter')
        await faults.environments?.crash(environment, crash.fault.outcome)
      } else crash.refund()
    }
    await deliver(transport)
  })
}

/** The error a fault answers with, in the service's words. */
async function errorFor(
  answer: OperationFault | undefined,
  call: Call,
  style: FaultStyle,
  operation: string,
  context: FaultContext
): Promise<AwsError | undefined> {
  switch (answer?.kind) {
    case 'throttle':
      return style.throttle(operation)
    case 'serviceQuota':
      return new AwsError(
        402,
        'ServiceQuotaExceededException',
        operation === 'StartIngestionJob'
          ? 'This request would exceed a service quota: the number of concurrent ingestion jobs in this account and Region.'
          : `This request would exceed a service quota for ${operation} in this account and Region.`
      )
    case 'error':
      return new AwsError(answer.status, answer.code, answer.message, answer.fields ?? {}, answer.headers ?? {})
    case 'accessDenied': {
      const action = style.iamAction(operation)
      return style.denied(
        `User: ${context.principalOf(call.accessKeyId)} is not authorized to perform: ${action} on resource: ${await context.resource()} because no identity-based policy allows the ${action} action`
      )
    }
    default:
      return undefined
  }
}

/**
 * Applies the armed faults for one call. The request is read first, then: waits out a delay or a hold, acts on a
 * transport fault (a before-headers stall or reset throws `Abandoned` when the call is not to be answered; an
 * after-headers one and a crashAfter take over the response once the service writes it), and returns the error to
 * answer with, if any.
 */
export async function applyFaults(
  faults: Faults,
  call: Call,
  style: FaultStyle,
  operation: string,
  context: FaultContext
): Promise<AwsError | undefined> {
  call.operation = operation
  const request = await faultRequest(faults, call, operation, context)
  const taken = faults.takeArmed([style.service, call.service], operation, request)
  await holdBack(call, taken)
  const environment = request.environment
  const crashTaken = taken.find((t) => t.fault.kind === 'crashAfter')
  const crash = environment !== undefined ? crashTaken : undefined
  const answer = taken.find((t) => !['delay', 'hold', 'crashAfter'].includes(t.fault.kind))?.fault
  if (answer !== undefined) call.faults.push(label(answer))
  await beforeHeaders(call, answer)
  afterHeaders(faults, call, answer, crash, environment)
  return errorFor(answer, call, style, operation, context)
}
