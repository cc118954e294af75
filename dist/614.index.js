export const id = 614;
export const ids = [614];
export const modules = {

/***/ 5468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JZ: () => (/* binding */ buildOutputs),
/* harmony export */   o8: () => (/* binding */ durationSeconds)
/* harmony export */ });
/* unused harmony exports resultDocument, forceSyncDocument */
/* harmony import */ var _pipeline_result_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3641);
/**
 * The action's outputs (docs/behaviour.md, "Outputs") as a pure function of the result: always every output, '' when unknown.
 */

/**
 * The ingestion's status and statistics: a direct ingestion's counts, or a job's (also the job that retried the
 * documents a direct ingestion failed: its outcome is the phase's).
 */
function ingestionFigures(ingestion) {
    const direct = (0,_pipeline_result_js__WEBPACK_IMPORTED_MODULE_0__/* .decidingDirect */ .Z5)(ingestion);
    if (direct)
        return { status: (0,_pipeline_result_js__WEBPACK_IMPORTED_MODULE_0__/* .directStatus */ .W7)(direct, ingestion.outcome), statistics: (0,_pipeline_result_js__WEBPACK_IMPORTED_MODULE_0__/* .directStatistics */ .Hs)(direct) };
    return { status: ingestion.job?.status ?? null, statistics: ingestion.job?.statistics ?? null };
}
function durationSeconds(result) {
    return Math.round(result.durationMs / 100) / 10;
}
/** The team's sync_and_ingest result shape; unknown values are null. */
function resultDocument(result) {
    const { sync, ingestion } = result;
    const job = ingestion.job;
    const known = (0,_pipeline_result_js__WEBPACK_IMPORTED_MODULE_0__/* .syncCountsKnown */ .Nq)(sync);
    const figures = ingestionFigures(ingestion);
    return {
        status: result.status,
        sync_phase: {
            successfully_synced: known ? sync.synced : null,
            failed: known ? sync.failed : null,
            total_processed: known ? sync.processed : null,
            updated: known ? sync.updated : null,
            removed: known ? sync.removed : null,
            batches: sync.invocations,
            backlog_before: sync.backlogBefore,
            backlog_after: sync.backlogAfter
        },
        ingestion_phase: {
            mode: ingestion.mode,
            fallback_reason: ingestion.fallbackReason ?? null,
            job_id: job?.jobId ?? null,
            status: figures.status,
            statistics: figures.statistics,
            failure_reasons: (0,_pipeline_result_js__WEBPACK_IMPORTED_MODULE_0__/* .decidingDirect */ .Z5)(ingestion)?.failed.map(_pipeline_result_js__WEBPACK_IMPORTED_MODULE_0__/* .documentFailureText */ .Pf) ?? job?.failureReasons ?? []
        },
        total_duration_seconds: durationSeconds(result)
    };
}
function buildOutputs(result) {
    const { sync, ingestion } = result;
    const counted = (0,_pipeline_result_js__WEBPACK_IMPORTED_MODULE_0__/* .syncCountsKnown */ .Nq)(sync);
    const figures = ingestionFigures(ingestion);
    return {
        status: result.status,
        synced_count: counted ? String(sync.synced) : '',
        sync_failed_count: counted ? String(sync.failed) : '',
        processed_count: counted ? String(sync.processed) : '',
        sync_batches: String(sync.invocations),
        backlog_remaining: sync.backlogAfter === null ? '' : String(sync.backlogAfter),
        ingestion_job_id: ingestion.job?.jobId ?? '',
        ingestion_status: figures.status ?? '',
        statistics: figures.statistics ? JSON.stringify(figures.statistics) : '',
        result: JSON.stringify(resultDocument(result)),
        duration_seconds: String(durationSeconds(result))
    };
}
/**
 * The team's force_kb_sync result shape (the sync alone; no ingestion job), plus the batches made and what is
 * still pending: what `kb-sync sync` and the MCP tool force_kb_sync return.
 */
function forceSyncDocument(result) {
    const { sync } = result;
    const known = syncCountsKnown(sync);
    return {
        status: result.status,
        lambda_execution: {
            function_name: result.functionName ?? null,
            status_code: sync.lastStatusCode ?? null
        },
        sync_results: {
            successfully_synced: known ? sync.synced : null,
            failed: known ? sync.failed : null,
            total_processed: known ? sync.processed : null
        },
        batches: sync.invocations,
        backlog_remaining: sync.backlogAfter
    };
}


/***/ }),

/***/ 614:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  report: () => (/* binding */ report)
});

// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/workflow-commands.ts
var workflow_commands = __webpack_require__(6137);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/report/step-summary.ts
/**
 * The job summary, built as @actions/core's Summary builds it (the same HTML, byte for byte: the tests compare
 * them) and appended to the runner's GITHUB_STEP_SUMMARY file. Written here so that reporting does not load
 * @actions/core and its HTTP stack (see ../workflow-commands.ts).
 */



function wrap(tag, content, attrs = {}) {
    const html = Object.entries(attrs)
        .map(([key, value]) => ` ${key}="${value}"`)
        .join('');
    return content ? `<${tag}${html}>${content}</${tag}>` : `<${tag}${html}>`;
}
class StepSummary {
    buffer = '';
    addRaw(text, addEOL = false) {
        this.buffer += addEOL ? `${text}${external_node_os_.EOL}` : text;
        return this;
    }
    addHeading(text, level = 1) {
        const tag = `h${level}`;
        return this.addRaw(wrap(/^h[1-6]$/.test(tag) ? tag : 'h1', text), true);
    }
    addTable(rows) {
        const body = rows
            .map((row) => wrap('tr', row
            .map((cell) => (typeof cell === 'string' ? wrap('td', cell) : wrap(cell.header ? 'th' : 'td', cell.data)))
            .join('')))
            .join('');
        return this.addRaw(wrap('table', body), true);
    }
    addList(items, ordered = false) {
        return this.addRaw(wrap(ordered ? 'ol' : 'ul', items.map((item) => wrap('li', item)).join('')), true);
    }
    addDetails(label, content) {
        return this.addRaw(wrap('details', wrap('summary', label) + content), true);
    }
    toString() {
        return this.buffer;
    }
    /** Appends the summary to the step's summary file; outside a runner there is none, and that is an error. */
    async write(env = process.env) {
        const path = env.GITHUB_STEP_SUMMARY;
        if (!path) {
            throw new Error('GITHUB_STEP_SUMMARY is not set. Check if your runtime environment supports job summaries.');
        }
        try {
            await (0,promises_.access)(path, external_node_fs_.constants.R_OK | external_node_fs_.constants.W_OK);
        }
        catch {
            throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`);
        }
        await (0,promises_.appendFile)(path, this.buffer, { encoding: 'utf8' });
    }
}

// EXTERNAL MODULE: ./src/report/summary.ts + 1 modules
var report_summary = __webpack_require__(5124);
;// CONCATENATED MODULE: ./src/report/report.ts





async function report(result) {
    for (const [name, value] of Object.entries((0,outputs/* buildOutputs */.JZ)(result)))
        (0,workflow_commands/* setOutput */.uH)(name, value);
    try {
        const summary = new StepSummary();
        (0,report_summary/* addResultToSummary */.Sy)(summary, result);
        await summary.write();
    }
    catch (error) {
        // Outside the runner there is no GITHUB_STEP_SUMMARY; the outcome still reaches the log and the exit code.
        workflow_commands/* workflow */.kn.info((0,src_text/* logText */.kc)(`Job summary not written: ${error instanceof Error ? error.message : String(error)}`));
    }
    if (result.status === 'failed' || result.status === 'cancelled') {
        const problems = result.status === 'cancelled' ? result.problems : result.problems.slice(0, -1);
        for (const problem of problems)
            workflow_commands/* workflow */.kn.error((0,src_text/* logText */.kc)(problem.message), `kb-sync: ${problem.phase}`);
        const last = result.problems[result.problems.length - 1];
        workflow_commands/* workflow */.kn.setFailed((0,src_text/* logText */.kc)(result.status === 'failed' && last ? last.message : (0,report_summary/* outcomeLine */.RW)(result)));
    }
    else {
        workflow_commands/* workflow */.kn.info((0,src_text/* logText */.kc)((0,report_summary/* outcomeLine */.RW)(result)));
    }
}


/***/ }),

/***/ 5124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Sy: () => (/* binding */ addResultToSummary),
  RW: () => (/* binding */ outcomeLine)
});

// UNUSED EXPORTS: stopSentence

// EXTERNAL MODULE: ./src/pipeline/rules.ts
var rules = __webpack_require__(6517);
// EXTERNAL MODULE: ./src/pipeline/result.ts
var pipeline_result = __webpack_require__(3641);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/report/links.ts
/**
 * Links into the AWS console for what a run touched: the knowledge bases, the Lambda's log group and the
 * IncidentKBSync dashboard, in the run's region (and partition).
 */
/** The dashboard the repository's infra/ deploys. */
const DASHBOARD_NAME = 'IncidentKBSyncDashboard';
function consoleBase(region) {
    if (region.startsWith('cn-'))
        return 'https://console.amazonaws.cn';
    if (region.startsWith('us-gov-'))
        return 'https://console.amazonaws-us-gov.com';
    return `https://${region}.console.aws.amazon.com`;
}
/** CloudWatch's console escapes a log group's slashes twice in its fragment. */
function logGroupFragment(name) {
    return encodeURIComponent(encodeURIComponent(name)).replace(/%/g, '$');
}
function consoleLinks(target) {
    const base = consoleBase(target.region);
    const region = encodeURIComponent(target.region);
    const links = [
        { label: 'knowledge bases', url: `${base}/bedrock/home?region=${region}#/knowledge-bases` }
    ];
    if (target.functionName) {
        // A name, a partial or full ARN, with or without a qualifier: the log group is named after the function.
        const parts = target.functionName.split(':');
        const at = parts.indexOf('function');
        const name = at >= 0 ? parts[at + 1] : parts[0];
        links.push({
            label: 'Lambda logs',
            url: `${base}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${logGroupFragment(`/aws/lambda/${name}`)}`
        });
    }
    links.push({
        label: 'dashboard',
        url: `${base}/cloudwatch/home?region=${region}#dashboards/dashboard/${DASHBOARD_NAME}`
    });
    return links;
}

// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
;// CONCATENATED MODULE: ./src/report/summary.ts
/**
 * The job summary (docs/behaviour.md, "Outputs, job summary, logs"), built from the result alone. core.summary
 * does not escape anything, and every message may carry outside text (AWS errors, the Lambda's answers), so all
 * text from the result goes through summaryText: it can change neither the HTML nor the Markdown around it.
 */





/** Keeps one run's summary far below the runner's 1 MiB limit, whatever AWS sends back. */
const MAX_TEXT = 2_000;
const MAX_LIST = rules/* LISTED_VALUES_LIMIT */.h5;
const MAX_LOG_TAIL = 4_096;
const ICONS = {
    completed: '✅',
    skipped: '⏭️',
    started: '🚀',
    dry_run: '🧪',
    failed: '❌',
    cancelled: '🛑'
};
function addResultToSummary(summary, result) {
    summary.addHeading(`${ICONS[result.status]} kb-sync: ${result.status.replace('_', ' ')}`, 2);
    paragraph(summary, outcomeLine(result));
    if (result.knowledgeBaseId) {
        summary.addRaw(`<p>Knowledge base ${code(result.knowledgeBaseId)}, data source ${code(result.dataSourceId ?? '')}, function ${code(result.functionName ?? '')}, region ${code(result.region ?? '')}</p>`, true);
    }
    if (result.region)
        addLinks(summary, result.region, result.functionName);
    addLeftRunning(summary, result);
    addProblems(summary, result);
    if (result.checks.length > 0)
        addChecks(summary, result);
    if (!result.dryRun && result.problems.every((p) => p.phase !== 'inputs' && p.phase !== 'credentials')) {
        addSyncPhase(summary, result);
        addIngestionPhase(summary, result);
    }
}
/** The outcome in one line, as a person would say it. Plain text: the log and the summary each make it safe. */
function outcomeLine(result) {
    const time = `(${(0,outputs/* durationSeconds */.o8)(result)} s)`;
    if (result.cancelled) {
        const left = result.ingestion.leftRunning;
        const job = left ? `; ingestion job ${left.jobId} was left running (${left.status})` : '';
        const batch = result.sync.inFlightBatch !== undefined
            ? `; batch ${result.sync.inFlightBatch} may still be running in the Lambda`
            : '';
        return `Cancelled by ${result.cancelled.signal} during the ${result.cancelled.during.replace('_', ' ')} step${batch}${job} ${time}`;
    }
    if (result.status === 'failed') {
        const first = result.problems[0]?.message ?? result.ingestion.error ?? 'see below';
        const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : '';
        return `Failed: ${first.length > 300 ? `${first.slice(0, 299)}…` : first}${more} ${time}`;
    }
    if (result.status === 'dry_run') {
        return `Dry run: ${result.checks.filter((c) => c.status === 'ok').length} checks passed, nothing was started or changed ${time}`;
    }
    const parts = [];
    const { sync, ingestion } = result;
    if (sync.ran && !sync.waited)
        parts.push(`invoked the sync Lambda asynchronously`);
    else if (sync.ran) {
        const mirrored = sync.updated + sync.removed > 0 ? ` (updated ${sync.updated}, removed ${sync.removed} documents)` : '';
        parts.push(`synced ${sync.synced} incidents${mirrored} in ${sync.invocations} ${plural(sync.invocations, 'batch', 'batches')}`);
    }
    const d = (0,pipeline_result/* decidingDirect */.Z5)(ingestion);
    if (d && (ingestion.outcome === 'completed' || ingestion.outcome === 'started')) {
        parts.push(ingestion.outcome === 'started'
            ? `sent ${d.indexed.length + d.deleted.length + d.failed.length + d.unfinished.length} documents to the knowledge base directly, not waited for`
            : `ingested documents directly (${d.indexed.length} indexed, ${d.deleted.length} deleted, ${d.failed.length} failed)`);
    }
    else if (ingestion.outcome === 'completed' && ingestion.job) {
        parts.push(`ingestion job ${ingestion.job.jobId} completed (${(0,pipeline_result/* formatStatistics */.zP)(ingestion.job.statistics)})`);
    }
    else if (ingestion.outcome === 'started' && ingestion.job) {
        parts.push(`ingestion job ${ingestion.job.jobId} started, not waited for`);
    }
    else {
        parts.push(`no ingestion job: ${ingestion.reason}`);
    }
    const line = parts.join('; ');
    return `${line.charAt(0).toUpperCase()}${line.slice(1)} ${time}`;
}
function addLinks(summary, region, functionName) {
    const links = consoleLinks({ region, functionName }).map((link) => `<a href="${(0,src_text/* summaryText */.g5)(link.url, 1_000)}">${(0,src_text/* summaryText */.g5)(link.label)}</a>`);
    summary.addRaw(`<p>AWS console: ${links.join(' · ')}</p>`, true);
}
/** A job the run stopped waiting for keeps running in Bedrock: say which, and how to follow it. */
function addLeftRunning(summary, result) {
    const job = result.ingestion.leftRunning;
    if (!job || !result.knowledgeBaseId)
        return;
    const ids = { knowledgeBaseId: result.knowledgeBaseId, dataSourceId: result.dataSourceId ?? '' };
    paragraph(summary, `Ingestion job ${job.jobId} was left running (last seen ${job.status}). Follow it with:`);
    summary.addRaw(`<pre>${(0,src_text/* summaryPreformatted */.e_)((0,rules/* followJobCommand */.eQ)(ids, job.jobId))}</pre>`, true);
}
function addProblems(summary, result) {
    if (result.problems.length > 0) {
        summary.addHeading('Problems', 3);
        summary.addList(result.problems
            .slice(0, MAX_LIST)
            .map((p) => `<b>${(0,src_text/* summaryText */.g5)(p.phase)}</b>: ${(0,src_text/* summaryText */.g5)(p.message, MAX_TEXT)}`));
    }
    if (result.warnings.length > 0) {
        summary.addHeading('Warnings', 3);
        summary.addList(result.warnings.slice(0, MAX_LIST).map((w) => (0,src_text/* summaryText */.g5)(w, MAX_TEXT)));
    }
}
function addChecks(summary, result) {
    const marks = { ok: '✅ ok', failed: '❌ failed', warning: '⚠️ warning', skipped: '⏭️ skipped' };
    summary.addHeading('Dry-run checks', 3);
    summary.addTable([
        [header('Check'), header('Result'), header('Detail')],
        ...result.checks.map((c) => [(0,src_text/* summaryText */.g5)(c.name), marks[c.status], (0,src_text/* summaryText */.g5)(c.detail, MAX_TEXT)])
    ]);
}
function addSyncPhase(summary, result) {
    const { sync } = result;
    summary.addHeading('Sync: DynamoDB → S3', 3);
    if (!sync.ran) {
        paragraph(summary, `Skipped: ${sync.skippedReason ?? 'not run'}.${pendingNote(sync.backlogAfter)}`);
        return;
    }
    const known = (0,pipeline_result/* syncCountsKnown */.Nq)(sync);
    const count = (n) => (known ? String(n) : 'unknown (asynchronous)');
    summary.addTable([
        [
            header('Batches'),
            header('Synced'),
            header('Failed'),
            header('Processed'),
            header('Updated'),
            header('Removed'),
            header('Pending before'),
            header('Pending after')
        ],
        [
            String(sync.invocations),
            count(sync.synced),
            count(sync.failed),
            count(sync.processed),
            count(sync.updated),
            count(sync.removed),
            orUnknown(sync.backlogBefore),
            orUnknown(sync.backlogAfter)
        ]
    ]);
    const stop = stopSentence(result);
    if (stop)
        paragraph(summary, stop);
    if (sync.failedIds.length > 0) {
        const ids = sync.failedIds
            .slice(0, MAX_LIST)
            .map((id) => code(id))
            .join(', ');
        const more = sync.failedIds.length > MAX_LIST ? `, … (${sync.failedIds.length - MAX_LIST} more)` : '';
        summary.addRaw(`<p>Incidents that failed to sync: ${ids}${more}</p>`, true);
    }
    if (sync.error) {
        summary.addRaw(`<p><b>Sync error:</b> ${(0,src_text/* summaryText */.g5)(sync.error.message, MAX_TEXT)}</p>`, true);
        if (sync.error.logTail !== undefined)
            addLogTail(summary, result, sync.error.logTail);
    }
}
/** The tail carries incident text: shown only where the summary is not public, or where an input asks for it. */
function addLogTail(summary, result, tail) {
    if (!result.showLogTail) {
        const group = result.functionName ? ` (log group /aws/lambda/${result.functionName.split(':').at(-1)})` : '';
        paragraph(summary, `The Lambda's log tail is not shown: it carries incident text and this summary may be public. Read it in CloudWatch Logs${group}, or set lambda_log_tail: always.`);
        return;
    }
    summary.addDetails('Lambda log tail', `<pre>${(0,src_text/* summaryPreformatted */.e_)(tail.slice(-MAX_LOG_TAIL), MAX_LOG_TAIL)}</pre>`);
}
/** Why draining stopped, in a sentence; the terminal front says it the same way. */
function stopSentence(result) {
    const { sync } = result;
    switch (sync.stopReason) {
        case 'drained':
            return sync.workPending
                ? `${sync.backlogAfter} incidents are still pending; the next run retries them.`
                : 'The backlog is drained.';
        case 'max_batches':
            return `Stopped at max_sync_batches (${sync.invocations}) with work still pending${sync.backlogAfter !== null ? ` (${sync.backlogAfter} incidents)` : ''}; the next run continues.`;
        case 'no_progress':
            return 'Stopped: the last batch synced nothing while work is still pending.';
        case 'async':
            return 'Invoked with InvocationType=Event: the Lambda runs on its own and its results are not known to this run.';
        case 'error':
            return 'Draining stopped at a sync error; the ingestion phase still ran so that what did sync becomes searchable.';
        case 'deadline':
            return "Draining stopped: the sync phase's time ran out; the next run continues.";
        case 'cancelled':
            return 'Draining stopped: the run was cancelled.';
        default:
            return undefined;
    }
}
function addIngestionPhase(summary, result) {
    const { ingestion } = result;
    summary.addHeading('Ingestion: S3 → Knowledge Base', 3);
    if (ingestion.earlier) {
        paragraph(summary, `${ingestion.earlier.message}.`);
        if (ingestion.earlier.job.statistics)
            addStatistics(summary, ingestion.earlier.job);
    }
    for (const earlier of ingestion.waitedFor) {
        summary.addRaw(`<p>Waited for job ${code(earlier.jobId)}, which was already running; it ended ${(0,src_text/* summaryText */.g5)(earlier.status)}.</p>`, true);
    }
    const verb = ingestion.outcome === 'skipped' ? 'Skipped' : ingestion.mode === 'direct' ? 'Ingested directly' : 'Started';
    if (ingestion.reason)
        paragraph(summary, `${verb}: ${ingestion.reason}.`);
    if (ingestion.fallbackReason && ingestion.direct)
        paragraph(summary, `A full ingestion job after direct ingestion: ${ingestion.fallbackReason}.`);
    else if (ingestion.fallbackReason)
        paragraph(summary, `A full ingestion job instead of direct ingestion: ${ingestion.fallbackReason}.`);
    if (ingestion.direct)
        addDirect(summary, ingestion.direct);
    const job = ingestion.job;
    // A job waited for is already told above; the table is for the job this run started (or one it gave up on).
    if (job && !ingestion.waitedFor.some((earlier) => earlier.jobId === job.jobId))
        addJob(summary, job);
    if (ingestion.statusChecks > 0)
        paragraph(summary, `Followed with ${ingestion.statusChecks} status checks.`);
    if (ingestion.error)
        summary.addRaw(`<p><b>Ingestion error:</b> ${(0,src_text/* summaryText */.g5)(ingestion.error, MAX_TEXT)}</p>`, true);
}
function addDirect(summary, direct) {
    summary.addTable([
        [header('Documents'), header('Count')],
        ...Object.entries((0,pipeline_result/* directStatistics */.Hs)(direct)).map(([name, value]) => [`<code>${name}</code>`, String(value)]),
        ['still in progress', String(direct.unfinished.length)]
    ]);
    if (direct.failed.length > 0) {
        summary.addHeading('Failed documents', 4);
        summary.addList(direct.failed.slice(0, MAX_LIST).map((doc) => (0,src_text/* summaryText */.g5)((0,pipeline_result/* documentFailureText */.Pf)(doc), MAX_TEXT)));
    }
}
function addJob(summary, job) {
    summary.addTable([
        [header('Job'), header('Status')],
        [code(job.jobId), (0,src_text/* summaryText */.g5)(job.status)]
    ]);
    addStatistics(summary, job);
    if (job.failureReasons.length > 0) {
        summary.addHeading('Failure reasons', 4);
        summary.addList(job.failureReasons.slice(0, MAX_LIST).map((r) => (0,src_text/* summaryText */.g5)(r, MAX_TEXT)));
    }
}
function addStatistics(summary, job) {
    if (!job.statistics)
        return;
    summary.addTable([
        [header('Statistic'), header('Value')],
        ...pipeline_result/* STATISTIC_NAMES */.O1.map((name) => [`<code>${name}</code>`, String(job.statistics[name])])
    ]);
}
function paragraph(summary, text) {
    summary.addRaw(`<p>${(0,src_text/* summaryText */.g5)(text, MAX_TEXT)}</p>`, true);
}
function code(text) {
    return `<code>${(0,src_text/* summaryText */.g5)(text, 200)}</code>`;
}
function pendingNote(backlog) {
    return backlog === null ? '' : ` Pending incidents: ${backlog}.`;
}
function orUnknown(n) {
    return n === null ? 'unknown' : String(n);
}
function header(data) {
    return { data, header: true };
}
function plural(n, one, many) {
    return n === 1 ? one : many;
}


/***/ })

};
