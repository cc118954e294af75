export const id = 656;
export const ids = [656];
export const modules = {

/***/ 3656:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  invokeAsync: () => (/* binding */ invokeAsync),
  invokeBatch: () => (/* binding */ invokeBatch)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-lambda/dist-cjs/index.js
var dist_cjs = __webpack_require__(9315);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/deadline.ts
var src_deadline = __webpack_require__(6683);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/pipeline/rules.ts
var rules = __webpack_require__(6517);
;// CONCATENATED MODULE: ./src/pipeline/sync-result.ts
const QUOTE_LIMIT = 500;
function parseSyncResult(payloadText) {
    let payload;
    try {
        payload = JSON.parse(payloadText);
    }
    catch {
        return unreadable('is not JSON', payloadText);
    }
    if (isObject(payload) && typeof payload.statusCode === 'number') {
        const body = readBody(payload.body);
        if (payload.statusCode >= 400) {
            return {
                ok: false,
                kind: 'error_status',
                message: `The Lambda answered statusCode ${payload.statusCode}: ${bodyMessage(body, payload.body)}`
            };
        }
        payload = body;
    }
    const source = isObject(payload) ? (pickObject(payload, 'sync_results', 'syncResults') ?? payload) : undefined;
    if (!source)
        return unreadable('has none of the sync counts', payloadText);
    const synced = pickCount(source, 'successfully_synced', 'successfullySynced');
    const failed = pickCount(source, 'failed', 'failedCount');
    const processed = pickCount(source, 'total_processed', 'totalProcessed');
    const counts = [synced, failed, processed];
    const invalid = counts.find((c) => c !== undefined && typeof c === 'string');
    if (typeof invalid === 'string')
        return unreadable(invalid, payloadText);
    if (counts.every((c) => c === undefined)) {
        return unreadable('has none of the sync counts (successfully_synced, failed, total_processed)', payloadText);
    }
    // Optional counts of a Lambda that keeps the documents in step with edits, reopenings and deletions.
    const updated = pickCount(source, 'updated');
    const removed = pickCount(source, 'removed');
    const badOptional = [updated, removed].find((c) => typeof c === 'string');
    if (typeof badOptional === 'string')
        return unreadable(badOptional, payloadText);
    const syncedCount = synced ?? 0;
    const failedCount = failed ?? 0;
    const hasMore = pick(source, 'has_more', 'hasMore');
    const failedIds = pick(source, 'failed_ids', 'failedIds');
    const warning = pick(source, 'warning');
    return {
        ok: true,
        batch: {
            synced: syncedCount,
            failed: failedCount,
            processed: processed ?? syncedCount + failedCount,
            updated: updated ?? 0,
            removed: removed ?? 0,
            hasMore: typeof hasMore === 'boolean' ? hasMore : undefined,
            failedIds: Array.isArray(failedIds) ? failedIds.map((id) => String(id)) : [],
            syncedDocuments: uriList(pick(source, 'synced_documents', 'syncedDocuments')),
            removedDocuments: uriList(pick(source, 'removed_documents', 'removedDocuments')),
            warning: typeof warning === 'string' && warning !== '' ? warning : undefined
        }
    };
}
/** A list of S3 URIs, or undefined when the Lambda sent none (or something that is not one). */
function uriList(value) {
    if (!Array.isArray(value))
        return undefined;
    const uris = value.filter((item) => typeof item === 'string' && item.startsWith('s3://'));
    return uris.length === value.length ? uris : undefined;
}
function unreadable(why, payloadText) {
    return {
        ok: false,
        kind: 'unreadable_result',
        message: `The Lambda's result ${why}; it began: ${JSON.stringify(payloadText.slice(0, QUOTE_LIMIT))}`
    };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function pick(source, ...names) {
    for (const name of names)
        if (source[name] !== undefined && source[name] !== null)
            return source[name];
    return undefined;
}
function pickObject(source, ...names) {
    const value = pick(source, ...names);
    return isObject(value) ? value : undefined;
}
/** A count, undefined when absent, or a string saying why the value is not a count. */
function pickCount(source, ...names) {
    const value = pick(source, ...names);
    if (value === undefined)
        return undefined;
    const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0)
        return n;
    return `has '${names[0]}' = ${JSON.stringify(value).slice(0, 100)}, which is not a whole number of incidents`;
}
function readBody(body) {
    if (typeof body !== 'string')
        return body;
    try {
        return JSON.parse(body);
    }
    catch {
        return body;
    }
}
function bodyMessage(body, raw) {
    if (isObject(body)) {
        const message = pick(body, 'message', 'error', 'errorMessage', 'Message');
        if (typeof message === 'string')
            return message.slice(0, QUOTE_LIMIT);
        return JSON.stringify(body).slice(0, QUOTE_LIMIT);
    }
    if (typeof body === 'string' && body !== '')
        return body.slice(0, QUOTE_LIMIT);
    return raw === undefined ? '(no body)' : JSON.stringify(raw).slice(0, QUOTE_LIMIT);
}

;// CONCATENATED MODULE: ./src/pipeline/invoke.ts
/**
 * One invocation of the batch-sync Lambda (docs/behaviour.md, "The sync phase"): synchronous, read as a batch or a
 * sync error, or asynchronous (Event). Loaded by the sync phase while its first backlog count is on the wire, so the
 * Lambda's client is not on the path to the run's first request.
 */






/** One synchronous batch. */
async function invokeBatch(config, lambda, n, ctx, deadline) {
    let answer;
    try {
        answer = await lambda.send(new dist_cjs/* InvokeCommand */.mdN({
            FunctionName: config.functionName,
            InvocationType: 'RequestResponse',
            LogType: 'Tail',
            Payload: new TextEncoder().encode(config.syncPayload)
        }), { abortSignal: deadline.signal });
    }
    catch (error) {
        const cause = (0,src_deadline/* stopCause */.w3)(deadline.signal);
        if (cause) {
            ctx.logger.info(`Batch ${n}: stopped waiting for the Lambda (${cause.message}); the invocation may still finish in Lambda.`);
            return { kind: 'stopped', cause };
        }
        const invoked = mayHaveRun(error);
        return { kind: 'error', invoked, error: { kind: 'aws', message: invokeErrorMessage(error, config, n, invoked) } };
    }
    const payloadText = answer.Payload ? Buffer.from(answer.Payload).toString('utf8') : '';
    const logTail = answer.LogResult ? Buffer.from(answer.LogResult, 'base64').toString('utf8') : undefined;
    const tail = logTail !== undefined ? { logTail } : {};
    const statusCode = answer.StatusCode;
    if (answer.FunctionError) {
        const { errorType, errorMessage } = readFunctionError(payloadText);
        return {
            kind: 'error',
            invoked: true,
            statusCode,
            error: {
                kind: 'function_error',
                message: `Batch ${n}: the Lambda ${config.functionName} failed (${answer.FunctionError}) with ${errorType}: ${errorMessage}`,
                ...tail
            }
        };
    }
    const parsed = parseSyncResult(payloadText);
    if (!parsed.ok) {
        const error = { kind: parsed.kind, message: `Batch ${n}: ${parsed.message}`, ...tail };
        return { kind: 'error', invoked: true, statusCode, error };
    }
    const batch = parsed.batch;
    const more = batch.hasMore === undefined ? '' : `, has_more ${batch.hasMore}`;
    const mirrored = batch.updated + batch.removed > 0 ? `, updated ${batch.updated}, removed ${batch.removed}` : '';
    ctx.logger.info(`Batch ${n}: synced ${batch.synced}, failed ${batch.failed}, processed ${batch.processed}${mirrored}${more}`);
    if (batch.failed > 0) {
        const ids = batch.failedIds.length > 0 ? ` (${(0,src_text/* listSome */.XT)(batch.failedIds, rules/* LISTED_VALUES_LIMIT */.h5)})` : '';
        ctx.logger.info(`Batch ${n}: ${batch.failed} incidents failed to sync${ids}`);
    }
    return { kind: 'batch', batch, statusCode };
}
async function invokeAsync(config, lambda, ctx, deadline) {
    try {
        const answer = await lambda.send(new dist_cjs/* InvokeCommand */.mdN({
            FunctionName: config.functionName,
            InvocationType: 'Event',
            Payload: new TextEncoder().encode(config.syncPayload)
        }), { abortSignal: deadline.signal });
        if (answer.StatusCode !== 202) {
            return {
                invocations: 1,
                ...(answer.StatusCode !== undefined ? { lastStatusCode: answer.StatusCode } : {}),
                stopReason: 'error',
                error: {
                    kind: 'error_status',
                    message: `The asynchronous invocation of ${config.functionName} answered HTTP ${answer.StatusCode ?? '?'} instead of 202 Accepted`
                }
            };
        }
        ctx.logger.info(`Invoked ${config.functionName} asynchronously (202 Accepted); its results are not known to this run.`);
        return { invocations: 1, lastStatusCode: 202, stopReason: 'async' };
    }
    catch (error) {
        const cause = (0,src_deadline/* stopCause */.w3)(deadline.signal);
        if (cause)
            return { invocations: 1, inFlightBatch: 1, stopReason: cause.name === 'Cancelled' ? 'cancelled' : 'deadline' };
        const invoked = mayHaveRun(error);
        return {
            invocations: invoked ? 1 : 0,
            stopReason: 'error',
            error: { kind: 'aws', message: invokeErrorMessage(error, config, 1, invoked) }
        };
    }
}
/** Connection errors that can strike after the request went out, when the function may already be running. */
const DROPPED_AFTER_SENDING = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
/**
 * sync_batches counts invocations made. A refusal (a 4xx: access denied, no such function, throttled) or a call that
 * never left (no credentials, a refused connection) ran nothing. After a timeout, a connection dropped once the
 * request was out, a 5xx or an answer that could not be read, the function may have run, so it counts.
 */
function mayHaveRun(error) {
    if ((0,errors/* errorName */.Is)(error) === 'TimeoutError')
        return true;
    const shape = (error ?? {});
    const status = shape.$metadata?.httpStatusCode;
    if (status !== undefined)
        return status < 400 || status >= 500;
    return typeof shape.code === 'string' && DROPPED_AFTER_SENDING.has(shape.code);
}
function invokeErrorMessage(error, config, batch, invoked) {
    // The SDK names a dropped connection a TimeoutError too; it came before the time was up.
    const dropped = DROPPED_AFTER_SENDING.has(String(error?.code));
    if ((0,errors/* errorName */.Is)(error) === 'TimeoutError' && !dropped) {
        return `Batch ${batch}: no answer from the Lambda ${config.functionName} within sync_timeout_seconds = ${config.syncTimeoutSeconds}; it may still be running. The invocation was not retried, so no batch runs twice.`;
    }
    const failed = `Batch ${batch}: ${(0,errors/* describeAwsError */.Pp)(error, { iamAction: 'lambda:InvokeFunction', target: `function ${config.functionName}`, region: config.region })}`;
    return invoked
        ? `${failed}. The Lambda may have run the batch; the invocation was not retried, so no batch runs twice.`
        : failed;
}
function readFunctionError(payloadText) {
    try {
        const body = JSON.parse(payloadText);
        return {
            errorType: typeof body.errorType === 'string' ? body.errorType : 'Error',
            errorMessage: typeof body.errorMessage === 'string' ? body.errorMessage : payloadText.slice(0, 500)
        };
    }
    catch {
        return { errorType: 'Error', errorMessage: payloadText.slice(0, 500) || '(no error payload)' };
    }
}


/***/ })

};
