export const id = 458;
export const ids = [458];
export const modules = {

/***/ 4458:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runIngestionPhase: () => (/* binding */ runIngestionPhase)
});

// UNUSED EXPORTS: clientToken, decide, normalizeStatistics

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/budget.ts
var budget = __webpack_require__(7562);
// EXTERNAL MODULE: ./src/deadline.ts
var src_deadline = __webpack_require__(6683);
// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-bedrock-agent/dist-cjs/index.js
var dist_cjs = __webpack_require__(8009);
// EXTERNAL MODULE: ./src/pipeline/backoff.ts
var backoff = __webpack_require__(1178);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
;// CONCATENATED MODULE: ./src/pipeline/calls.ts
/**
 * How the ingestion phase calls Bedrock: every call and every wait obeys the phase's deadline (and the run's
 * cancellation); transient failures are retried with backoff while time is left; anything else stops the phase
 * with a sentence a person can act on. Jobs and direct document ingestion share this discipline.
 */



/** Why the phase ended early: a failed call, its deadline, or the run being cancelled. */
class PhaseStop extends Error {
    kind;
    constructor(kind, message) {
        super(message);
        this.kind = kind;
    }
}
class PhaseCalls {
    config;
    ctx;
    deadline;
    /** The newest failure a retry is working through, for the message when time runs out. */
    lastError;
    /** The call waiting for its answer, for the message when time runs out meanwhile. */
    waitingFor;
    constructor(config, ctx, deadline) {
        this.config = config;
        this.ctx = ctx;
        this.deadline = deadline;
    }
    get ids() {
        return { knowledgeBaseId: this.config.knowledgeBaseId, dataSourceId: this.config.dataSourceId };
    }
    get target() {
        return `knowledge base ${this.config.knowledgeBaseId} data source ${this.config.dataSourceId}`;
    }
    /** Turns what a call threw into a stop: the deadline or a cancel when the signal says so, else a bug. */
    stopFor(error) {
        if (error instanceof PhaseStop)
            return error;
        const cause = (0,src_deadline/* stopCause */.w3)(this.deadline.signal);
        if (cause?.name === 'Cancelled')
            return new PhaseStop('cancelled', cause.message);
        if (cause) {
            const unfinished = this.unfinished();
            if (unfinished)
                return new PhaseStop('failed', `Timed out after ${this.deadline.limit}: ${unfinished}`);
            if (this.waitingFor) {
                const acted = this.mayHaveActed(this.waitingFor);
                return new PhaseStop('failed', `Timed out after ${this.deadline.limit} waiting for ${this.waitingFor} on ${this.target} to answer.${acted ? ` ${acted}` : ''}`);
            }
            const last = this.lastError
                ? `: ${(0,errors/* describeAwsError */.Pp)(this.lastError.error, { iamAction: this.lastError.iamAction, target: this.target, region: this.config.region })}`
                : '';
            return new PhaseStop('failed', `Gave up after ${this.deadline.limit}${last}`);
        }
        return new PhaseStop('failed', `Unexpected ${(0,errors/* errorName */.Is)(error)} in the ingestion phase: ${String(error)}`);
    }
    /** Runs one AWS call under the deadline; a call the deadline or a cancel cut off becomes a stop. */
    async send(iamAction, call) {
        if (this.deadline.signal.aborted)
            throw this.stopFor(this.deadline.signal.reason);
        this.waitingFor = iamAction;
        try {
            return await call(this.deadline.signal);
        }
        catch (error) {
            if (this.deadline.signal.aborted)
                throw this.stopFor(error);
            throw error;
        }
        finally {
            this.waitingFor = undefined;
        }
    }
    async sleep(ms) {
        try {
            await this.ctx.clock.sleep(ms, this.deadline.signal);
        }
        catch (error) {
            throw this.stopFor(error);
        }
    }
    /** Retries transient failures with backoff while time is left; anything else stops the phase. */
    async retryable(iamAction, call) {
        for (let attempt = 0;; attempt++) {
            try {
                return await this.send(iamAction, call);
            }
            catch (error) {
                if (error instanceof PhaseStop)
                    throw error;
                this.failedOrRetry(error, iamAction);
                await this.sleep((0,backoff/* retryDelay */.a)(attempt, () => this.ctx.clock.random()));
            }
        }
    }
    /**
     * A call that changes something on the data source (start a job, send documents). A conflict means an ingestion
     * job is running there: `onConflict` waits for it, then the call goes again. Throttling backs off (at most
     * `maxThrottleWaitMs` between tries) and transient failures retry while time is left; a used-up quota fails at
     * once, since only other work ending can free it.
     */
    async changing(iamAction, call, onConflict, maxThrottleWaitMs = Number.POSITIVE_INFINITY) {
        const operation = iamAction.replace(/^\w+:/, '');
        for (let attempt = 0;; attempt++) {
            try {
                return await this.send(iamAction, call);
            }
            catch (error) {
                if (error instanceof PhaseStop)
                    throw error;
                if ((0,errors/* isConflict */.dh)(error)) {
                    this.ctx.logger.info(`${operation}: another job is running (${(0,errors/* errorName */.Is)(error)}); waiting for it`);
                    await onConflict(attempt);
                    continue;
                }
                if ((0,errors/* isQuotaExceeded */.go)(error)) {
                    throw new PhaseStop('failed', (0,errors/* describeAwsError */.Pp)(error, { iamAction, target: this.target, region: this.config.region }));
                }
                if ((0,errors/* isThrottling */.E2)(error)) {
                    this.noteRetry(error, iamAction);
                    const wait = Math.min(maxThrottleWaitMs, (0,backoff/* retryDelay */.a)(attempt + 1, () => this.ctx.clock.random()));
                    this.ctx.logger.info(`${operation} was throttled; trying again in ${(wait / 1000).toFixed(1)}s`);
                    await this.sleep(wait);
                    continue;
                }
                this.failedOrRetry(error, iamAction);
                await this.sleep((0,backoff/* retryDelay */.a)(attempt, () => this.ctx.clock.random()));
            }
        }
    }
    /** Stops the phase on a failure that retrying cannot heal; otherwise notes it and says it retries. */
    failedOrRetry(error, iamAction, target = this.target, retrying = `${iamAction} failed (${(0,errors/* errorName */.Is)(error)}); retrying`) {
        if (!(0,errors/* isTransient */.dg)(error)) {
            throw new PhaseStop('failed', (0,errors/* describeAwsError */.Pp)(error, { iamAction, target, region: this.config.region }));
        }
        this.noteRetry(error, iamAction);
        this.ctx.logger.info(retrying);
    }
    noteRetry(error, iamAction) {
        this.lastError = { error, iamAction };
    }
}

// EXTERNAL MODULE: ./src/pipeline/rules.ts
var rules = __webpack_require__(6517);
;// CONCATENATED MODULE: ./src/pipeline/documents.ts
/**
 * Direct ingestion (docs/behaviour.md, "Direct ingestion"): the documents a run wrote and removed go to the
 * knowledge base by name, with no scan of the data source — IngestKnowledgeBaseDocuments with each document's
 * metadata sidecar, DeleteKnowledgeBaseDocuments for the removed ones — and each one is followed with
 * GetKnowledgeBaseDocuments until it is indexed, deleted or failed, under the phase's deadline (calls.ts).
 */






/** The fewest documents any of the three document APIs accepts in one call; every call stays within it. */
const DOCUMENTS_PER_CALL = 10;
/**
 * Above this many changed documents a full ingestion job is used instead: one scan is then cheaper than the calls
 * (ingest, delete and status checks, ten documents each) that direct ingestion would take. 200 keeps the hourly
 * runs of a team closing 100 incidents an hour direct, bursts included; at 100 a third of them fell back to jobs,
 * and p95 freshness went from 61 to 71 minutes (BENCHMARKS.md, "Freshness and cost").
 */
const DIRECT_MAX_DOCUMENTS = 200;
/** The metadata sidecar Bedrock reads next to an S3 document. */
const SIDECAR_SUFFIX = '.metadata.json';
/** States a document passes through while Bedrock works on it. */
const WORKING = new Set(['STARTING', 'IN_PROGRESS', 'PENDING', 'DELETING', 'DELETE_IN_PROGRESS']);
/** Bedrock may not know a just-submitted document for a moment; after this many checks "not found" is a failure. */
const NOT_FOUND_GRACE_CHECKS = 2;
class Documents extends PhaseCalls {
    settings;
    bedrock;
    jobs;
    token;
    statusChecks = 0;
    tracked = new Map();
    constructor(settings, bedrock, 
    /** For a job that started on the data source meanwhile (a conflict): it is waited for, as before a job. */
    jobs, ctx, deadline, 
    /** This run's idempotency token; each call derives its own from it and the documents it carries. */
    token) {
        super(settings, ctx, deadline);
        this.settings = settings;
        this.bedrock = bedrock;
        this.jobs = jobs;
        this.token = token;
    }
    unfinished() {
        const working = [...this.tracked.values()].filter((doc) => !this.isSettled(doc));
        if (working.length === 0)
            return undefined;
        const shown = (0,src_text/* listSome */.XT)(working.map((doc) => `${doc.uri} ${doc.status}`), rules/* LISTED_VALUES_LIMIT */.h5);
        return `${working.length} documents are still being processed (${shown}). Bedrock goes on with them; see them with: aws bedrock-agent get-knowledge-base-documents --knowledge-base-id ${this.config.knowledgeBaseId} --data-source-id ${this.config.dataSourceId} --document-identifiers 'dataSourceType=S3,s3={uri=${working[0].uri}}'`;
    }
    mayHaveActed(iamAction) {
        return iamAction === 'bedrock:GetKnowledgeBaseDocuments'
            ? undefined
            : 'Bedrock may have taken the documents anyway; see them with aws bedrock-agent get-knowledge-base-documents.';
    }
    /** Sends every change, ten documents a call: the written ones with their sidecars, then the removals. */
    async submit(changes) {
        for (const [index, uris] of chunks(changes.written).entries()) {
            this.ctx.logger.info(`Ingesting ${uris.length} documents directly (${index + 1})`);
            const answer = await this.call('bedrock:IngestKnowledgeBaseDocuments', (abortSignal) => this.bedrock.send(new dist_cjs/* IngestKnowledgeBaseDocumentsCommand */.JKU({
                ...this.ids,
                clientToken: this.callToken('ingest', uris),
                documents: uris.map((uri) => ({
                    content: { dataSourceType: 'S3', s3: { s3Location: { uri } } },
                    metadata: { type: 'S3_LOCATION', s3Location: { uri: `${uri}${SIDECAR_SUFFIX}` } }
                }))
            }), { abortSignal }));
            this.track('ingest', uris, answer.documentDetails);
        }
        for (const [index, uris] of chunks(changes.removed).entries()) {
            this.ctx.logger.info(`Removing ${uris.length} documents directly (${index + 1})`);
            const answer = await this.call('bedrock:DeleteKnowledgeBaseDocuments', (abortSignal) => this.bedrock.send(new dist_cjs/* DeleteKnowledgeBaseDocumentsCommand */.ic({
                ...this.ids,
                clientToken: this.callToken('delete', uris),
                documentIdentifiers: uris.map((uri) => ({ dataSourceType: 'S3', s3: { uri } }))
            }), { abortSignal }));
            this.track('delete', uris, answer.documentDetails);
        }
    }
    /** Checks every document until each is settled, backing off as the job path does. */
    async follow() {
        const startedAt = this.ctx.clock.now();
        for (let check = 0; [...this.tracked.values()].some((doc) => !this.isSettled(doc)); check++) {
            await this.sleep((0,backoff/* pollDelay */.x)(check, this.settings.pollIntervalMs, () => this.ctx.clock.random()));
            const working = [...this.tracked.values()].filter((doc) => !this.isSettled(doc)).map((doc) => doc.uri);
            for (const uris of chunks(working)) {
                const answer = await this.call('bedrock:GetKnowledgeBaseDocuments', (abortSignal) => this.bedrock.send(new dist_cjs/* GetKnowledgeBaseDocumentsCommand */.JZD({
                    ...this.ids,
                    documentIdentifiers: uris.map((uri) => ({ dataSourceType: 'S3', s3: { uri } }))
                }), { abortSignal }));
                this.update(answer.documentDetails);
            }
            this.statusChecks++;
            const result = this.result();
            const done = result.indexed.length + result.deleted.length + result.failed.length;
            const elapsedMs = this.ctx.clock.now() - startedAt;
            this.ctx.logger.info(`Documents: ${result.indexed.length} indexed, ${result.deleted.length} deleted, ${result.failed.length} failed, ${this.tracked.size - done} in progress after ${(elapsedMs / 1000).toFixed(1)}s`);
            this.ctx.progress?.({ phase: 'documents', done, total: this.tracked.size, elapsedMs });
        }
        return this.result();
    }
    /** Where every document stands now. */
    result() {
        const outcome = {
            indexed: [],
            deleted: [],
            failed: [],
            unfinished: [],
            statusChecks: this.statusChecks
        };
        for (const doc of this.tracked.values()) {
            const settled = this.settledAs(doc);
            const entry = {
                uri: doc.uri,
                action: doc.action,
                status: doc.status,
                ...(doc.reason ? { reason: doc.reason } : {})
            };
            if (settled === 'indexed')
                outcome.indexed.push(doc.uri);
            else if (settled === 'deleted')
                outcome.deleted.push(doc.uri);
            else if (settled === 'failed')
                outcome.failed.push(entry);
            else
                outcome.unfinished.push(entry);
        }
        return outcome;
    }
    isSettled(doc) {
        return this.settledAs(doc) !== undefined;
    }
    settledAs(doc) {
        if (WORKING.has(doc.status) || doc.status === 'SUBMITTED')
            return undefined;
        if (doc.action === 'ingest') {
            if (doc.status === 'INDEXED')
                return 'indexed';
            if (doc.status === 'NOT_FOUND' && this.statusChecks < NOT_FOUND_GRACE_CHECKS)
                return undefined;
            return 'failed';
        }
        if (doc.status === 'NOT_FOUND')
            return 'deleted';
        if (doc.status === 'FAILED')
            return 'failed';
        // Still indexed (or any other state): the removal has not been applied yet.
        return undefined;
    }
    track(action, uris, details) {
        for (const uri of uris)
            this.tracked.set(uri, { uri, action, status: 'SUBMITTED', reason: undefined });
        this.update(details);
    }
    update(details) {
        for (const detail of details ?? []) {
            const uri = detail.identifier?.s3?.uri;
            const doc = uri === undefined ? undefined : this.tracked.get(uri);
            if (!doc)
                continue;
            doc.status = detail.status ?? 'UNKNOWN';
            doc.reason = detail.statusReason || undefined;
        }
    }
    callToken(action, uris) {
        return `kbsync-${(0,external_node_crypto_.createHash)('sha256')
            .update([this.token, action, ...uris].join('\n'))
            .digest('hex')}`;
    }
    /** One document call: a job that starts on the data source meanwhile is waited for, then the call goes again. */
    call(iamAction, send) {
        return this.changing(iamAction, send, (attempt) => this.jobs.waitForAnyRunning(attempt));
    }
}
function chunks(items) {
    const out = [];
    for (let i = 0; i < items.length; i += DOCUMENTS_PER_CALL)
        out.push(items.slice(i, i + DOCUMENTS_PER_CALL));
    return out;
}

// EXTERNAL MODULE: ./src/pipeline/result.ts
var result = __webpack_require__(3641);
;// CONCATENATED MODULE: ./src/pipeline/jobs.ts
/**
 * Ingestion jobs of one data source: the newest ones, waiting out a job that is running, starting ours
 * idempotently, and following a job to its end — each call under the phase's deadline (calls.ts).
 */






/** StartIngestionJob allows about one call per 10 s per account: throttled starts back off up to that long. */
const START_THROTTLE_MAX_WAIT_MS = 10_000;
function normalizeStatistics(stats) {
    if (!stats)
        return undefined;
    const out = {};
    for (const name of result/* STATISTIC_NAMES */.O1)
        out[name] = Number(stats[name] ?? 0);
    return out;
}
function snapshotOf(job) {
    return {
        jobId: job.ingestionJobId ?? '',
        status: job.status ?? 'UNKNOWN',
        statistics: normalizeStatistics(job.statistics),
        failureReasons: 'failureReasons' in job && job.failureReasons ? job.failureReasons : []
    };
}
function time(date) {
    return date?.getTime() ?? 0;
}
/**
 * The job calls of one phase. Every method returns what it was asked for or throws a PhaseStop; the counts
 * (status checks, jobs waited for, the job being followed) live here and nowhere else.
 */
class Jobs extends PhaseCalls {
    settings;
    bedrock;
    statusChecks = 0;
    waitedFor = [];
    /** The job whose status is being followed, and the newest snapshot of it. */
    following;
    constructor(settings, bedrock, ctx, deadline) {
        super(settings, ctx, deadline);
        this.settings = settings;
        this.bedrock = bedrock;
    }
    unfinished() {
        const followed = this.following;
        if (!followed)
            return undefined;
        return `ingestion job ${followed.job.jobId} (${followed.role}) is still ${followed.job.status}. The job was left running; see it with: ${(0,rules/* followJobCommand */.eQ)(this.ids, followed.job.jobId)}`;
    }
    mayHaveActed(iamAction) {
        // A start whose answer never came may have been executed: a job can be running that this run never saw.
        return iamAction === 'bedrock:StartIngestionJob'
            ? `A job may have started anyway; see the data source's jobs with: ${(0,rules/* listJobsCommand */._j)(this.ids)}`
            : undefined;
    }
    async listRecent() {
        const answer = await this.retryable('bedrock:ListIngestionJobs', (abortSignal) => this.bedrock.send(new dist_cjs/* ListIngestionJobsCommand */.Czs({
            ...this.ids,
            sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
            maxResults: 10
        }), { abortSignal }));
        // Newest first, whatever order the service chose to answer in.
        return (answer.ingestionJobSummaries ?? []).sort((a, b) => time(b.startedAt) - time(a.startedAt));
    }
    /** One job as it is now, failure reasons included (a listing leaves them out). */
    async snapshot(jobId) {
        const answer = await this.retryable('bedrock:GetIngestionJob', (abortSignal) => this.bedrock.send(new dist_cjs/* GetIngestionJobCommand */.xLs({ ...this.ids, ingestionJobId: jobId }), { abortSignal }));
        if (!answer.ingestionJob)
            throw new PhaseStop('failed', `GetIngestionJob answered without job ${jobId}`);
        return snapshotOf(answer.ingestionJob);
    }
    /** Waits for a job this run did not start and returns how it ended. */
    async waitForRunning(job) {
        this.ctx.logger.info(`Ingestion job ${job.jobId} is ${job.status}; Bedrock runs one job per data source, so waiting for it to end first`);
        const final = await this.follow(job, 'already running');
        this.waitedFor.push(final);
        this.ctx.logger.info(`Ingestion job ${job.jobId}, which was already running, ended ${final.status}`);
        return final;
    }
    /** Waits for whatever job is running now, if any (after a ConflictException says one is). */
    async waitForAnyRunning(attempt) {
        const running = (await this.listRecent()).find((job) => rules/* ACTIVE_STATUSES */.az.has(job.status ?? ''));
        if (running)
            await this.waitForRunning(snapshotOf(running));
        else
            await this.sleep((0,backoff/* retryDelay */.a)(attempt, () => this.ctx.clock.random()));
    }
    /**
     * Starts our job. A conflict means another job is running: wait for it, then try again, since files that
     * landed after its scan began would otherwise be missed. StartIngestionJob allows about one call per 10 s.
     */
    async start(token, description) {
        const answer = await this.changing('bedrock:StartIngestionJob', (abortSignal) => this.bedrock.send(new dist_cjs/* StartIngestionJobCommand */.PEi({ ...this.ids, clientToken: token, description }), {
            abortSignal
        }), (attempt) => this.waitForAnyRunning(attempt), START_THROTTLE_MAX_WAIT_MS);
        if (!answer.ingestionJob?.ingestionJobId)
            throw new PhaseStop('failed', 'StartIngestionJob answered without a job id');
        return snapshotOf(answer.ingestionJob);
    }
    /**
     * Polls a job until it ends: the first check within 1 s, backing off to poll_interval_seconds with jitter.
     * Throttled and failed checks are retried while time is left; at the deadline the job is left running.
     */
    async follow(job, role) {
        const startedAt = this.ctx.clock.now();
        this.following = { job, role };
        for (let check = 0; !rules/* TERMINAL_STATUSES */.CM.has(this.following.job.status); check++) {
            await this.sleep((0,backoff/* pollDelay */.x)(check, this.settings.pollIntervalMs, () => this.ctx.clock.random()));
            const current = this.following.job;
            try {
                const answer = await this.send('bedrock:GetIngestionJob', (abortSignal) => this.bedrock.send(new dist_cjs/* GetIngestionJobCommand */.xLs({ ...this.ids, ingestionJobId: current.jobId }), {
                    abortSignal
                }));
                this.statusChecks++;
                if (answer.ingestionJob)
                    this.following = { job: snapshotOf(answer.ingestionJob), role };
                const elapsedMs = this.ctx.clock.now() - startedAt;
                const now = this.following.job;
                this.ctx.logger.info(`Job ${now.jobId}: ${now.status} after ${(elapsedMs / 1000).toFixed(1)}s (${(0,result/* formatStatistics */.zP)(now.statistics)})`);
                this.ctx.progress?.({
                    phase: 'ingestion',
                    jobId: now.jobId,
                    role,
                    status: now.status,
                    elapsedMs,
                    statistics: now.statistics
                });
            }
            catch (error) {
                if (error instanceof PhaseStop)
                    throw error;
                this.failedOrRetry(error, 'bedrock:GetIngestionJob', `ingestion job ${current.jobId} of ${this.target}`, `Status check of job ${current.jobId} failed (${(0,errors/* errorName */.Is)(error)}); checking again`);
            }
        }
        const final = this.following.job;
        this.following = undefined;
        return final;
    }
}

;// CONCATENATED MODULE: ./src/pipeline/ingestion.ts
/**
 * The ingestion phase (docs/behaviour.md, "The ingestion phase" and "Direct ingestion"): decide whether ingestion
 * is needed and how — a full job, or the changed documents directly — wait out a job that is already running,
 * then start ours idempotently (or send the documents) and follow it to the end, all within one deadline for the
 * whole phase, which every call and every wait obeys.
 */










async function runIngestionPhase(config, sync, clients, run, ctx) {
    if (config.ingestion === 'never')
        return (0,result/* emptyIngestionPhase */.nc)('ingestion: never');
    const bedrock = await clients.bedrock();
    const deadline = (0,src_deadline/* startDeadline */.db)(ctx.clock, (0,budget/* ingestionPhaseBudgetMs */.Rk)(config), ctx.cancel, `ingestion_timeout_minutes = ${config.ingestionTimeoutMs / 60_000}`);
    const jobs = new Jobs(config, bedrock, ctx, deadline);
    const token = clientToken(config, run, ctx.clock.now());
    let documents;
    let base = { reason: '', mode: 'job' };
    const phase = (outcome, job) => ({
        ...base,
        outcome,
        job,
        waitedFor: [...jobs.waitedFor],
        statusChecks: jobs.statusChecks + (documents?.statusChecks ?? 0),
        ...(documents ? { direct: documents.result() } : {})
    });
    try {
        const recent = await jobs.listRecent();
        let newest = recent[0] && snapshotOf(recent[0]);
        const running = recent.find((job) => rules/* ACTIVE_STATUSES */.az.has(job.status ?? ''));
        if (running)
            newest = await jobs.waitForRunning(snapshotOf(running));
        // The job is told only when this run waited for it; a finished job it merely read is not this run's.
        const waitedJob = running ? newest : undefined;
        const earlier = await learnEarlier(recent[0]?.description, newest, jobs, config);
        if (earlier) {
            base = { ...base, earlier };
            if (earlier.verdict === 'warning')
                ctx.warn(earlier.message);
            else
                ctx.logger.info(earlier.message);
        }
        const decision = decide(config.ingestion, sync, newest, config.waitForIngestion);
        base = {
            ...base,
            reason: decision.reason,
            mode: decision.mode,
            ...(decision.fallback ? { fallbackReason: decision.fallback } : {})
        };
        if (decision.fallback)
            ctx.logger.info(`A full ingestion job instead of direct ingestion: ${decision.fallback}`);
        if (!decision.start) {
            ctx.logger.info(`No ingestion needed: ${decision.reason}`);
            return phase('skipped', waitedJob);
        }
        if (decision.mode === 'direct') {
            ctx.logger.info(`Ingesting the changed documents directly: ${decision.reason}`);
            documents = new Documents(config, bedrock, jobs, ctx, deadline, token);
            await documents.submit(sync.documents);
            if (!config.waitForIngestion)
                return phase('started', waitedJob);
            await documents.follow();
            const direct = documents.result();
            if (direct.failed.length === 0)
                return phase('completed', waitedJob);
            // Bedrock keeps nothing about a failed direct document that a later run could read, so a full job takes the
            // failed documents now. If they fail again, that job's failed count makes later runs heal as after any job.
            ctx.warn(`${directFailure(direct)}. A full ingestion job retries them.`);
            base = {
                ...base,
                mode: 'job',
                fallbackReason: `${direct.failed.length} documents failed in direct ingestion, so a full job retried them`
            };
            ctx.logger.info('Starting an ingestion job to retry the failed documents');
        }
        else {
            ctx.logger.info(`Starting an ingestion job: ${decision.reason}`);
        }
        // A job nobody waits for is marked, so the next run knows to report how it ended.
        const description = config.waitForIngestion
            ? config.description
            : `${(0,src_text/* truncate */.xv)(config.description, inputs/* MAX_DESCRIPTION_LENGTH */.Lj - rules/* NOT_WAITED_MARK */.bF.length)}${rules/* NOT_WAITED_MARK */.bF}`;
        const started = await jobs.start(token, description);
        ctx.logger.info(`Ingestion job ${started.jobId} accepted (${started.status})`);
        if (!config.waitForIngestion)
            return phase('started', started);
        const final = await jobs.follow(started, 'started by this run');
        return judge(final, config, ctx, phase('completed', final));
    }
    catch (error) {
        const stop = jobs.stopFor(error);
        const followed = jobs.following?.job;
        const left = followed && !rules/* TERMINAL_STATUSES */.CM.has(followed.status) ? followed : undefined;
        return {
            ...phase(stop.kind, followed),
            ...(left ? { leftRunning: left } : {}),
            ...(stop.kind === 'failed' ? { error: stop.message } : {})
        };
    }
}
/** Whether ingestion is needed, by a full job or directly, and why. */
function decide(mode, sync, newest, waiting = true) {
    if (mode === 'always')
        return { start: true, reason: 'ingestion: always', mode: 'job' };
    const need = needed(sync, newest);
    if (!need.start || mode === 'never')
        return { ...need, mode: 'job' };
    if (mode === 'auto' && !waiting) {
        // Documents sent and not followed leave no trace a later run can read; a job does.
        return { ...need, mode: 'job', fallback: 'not waiting for ingestion: the next run reports how a job ended' };
    }
    const blocker = directBlocker(sync, newest);
    return blocker ? { ...need, mode: 'job', fallback: blocker } : { ...need, mode: 'direct' };
}
/** The rules of ingestion: auto — something changed, or the last job did not end cleanly. */
function needed(sync, newest) {
    if (!sync.ran)
        return { start: true, reason: 'the sync phase was off, so changes in S3 are unknown' };
    if (!sync.waited)
        return { start: true, reason: 'the sync ran asynchronously, so its results are unknown' };
    if (sync.error || sync.inFlightBatch !== undefined) {
        // A batch that failed or was cut off may have changed documents it never counted.
        return { start: true, reason: 'a batch failed or was cut off, so what it changed in S3 is unknown' };
    }
    if (sync.synced > 0)
        return { start: true, reason: `this run synced ${sync.synced} incidents` };
    if (sync.updated + sync.removed > 0) {
        return {
            start: true,
            reason: `this run updated ${sync.updated} and removed ${sync.removed} documents of changed incidents`
        };
    }
    if (!newest)
        return { start: true, reason: 'the data source has never been ingested' };
    if (newest.status !== 'COMPLETE') {
        return { start: true, reason: `the last ingestion job (${newest.jobId}) ended ${newest.status}; healing it` };
    }
    const failed = newest.statistics?.numberOfDocumentsFailed ?? 0;
    if (failed > 0) {
        return {
            start: true,
            reason: `the last ingestion job (${newest.jobId}) had ${failed} failed documents; healing it`
        };
    }
    return {
        start: false,
        reason: `nothing new was synced and the last ingestion job (${newest.jobId}) completed cleanly`
    };
}
/**
 * How the job an earlier run started without waiting ended, when the newest job is such a job (its description
 * carries the mark); undefined otherwise. A job that ended badly fails this run, as it would have failed that one.
 */
async function learnEarlier(description, newest, jobs, config) {
    if (!description?.endsWith(rules/* NOT_WAITED_MARK */.bF) || !newest || !rules/* TERMINAL_STATUSES */.CM.has(newest.status))
        return undefined;
    // A listing has no failure reasons; the job itself does.
    const job = newest.status === 'COMPLETE' ? newest : await jobs.snapshot(newest.jobId);
    const which = `The ingestion job an earlier run started without waiting for it (${job.jobId})`;
    const failedDocs = job.statistics?.numberOfDocumentsFailed ?? 0;
    if (job.status === 'COMPLETE' && failedDocs === 0) {
        return { job, verdict: 'ok', message: `${which} completed (${(0,result/* formatStatistics */.zP)(job.statistics)})` };
    }
    if (job.status === 'COMPLETE') {
        const message = `${which} completed, but ${failedDocs} documents failed to ingest${reasons(job)}`;
        return config.failOnDocumentFailures
            ? {
                job,
                verdict: 'failed',
                message: `${message}. Set fail_on_document_failures: false to accept this as a warning.`
            }
            : { job, verdict: 'warning', message };
    }
    return { job, verdict: 'failed', message: `${which} ended ${job.status}${reasons(job)}` };
}
/** Why direct ingestion cannot be trusted with this run's changes; undefined when it can. */
function directBlocker(sync, newest) {
    const changes = sync.documents;
    if (!changes) {
        if (!sync.ran || !sync.waited)
            return 'the changed documents are unknown (the sync was off or not waited for)';
        if (sync.error || sync.stopReason === 'cancelled' || sync.stopReason === 'deadline')
            return 'a batch failed or was cut off, so it may have written documents it did not list';
        return 'the Lambda does not list the documents it writes (synced_documents, removed_documents)';
    }
    // Each incident synced or updated writes a document: shorter lists than the counts leave changes unsent.
    const counted = sync.synced + sync.updated + sync.removed;
    if (changes.written.length < sync.synced + sync.updated || changes.removed.length < sync.removed) {
        return `the Lambda listed ${changes.written.length + changes.removed.length} changed documents but counted ${counted}, so its lists are incomplete`;
    }
    const count = changes.written.length + changes.removed.length;
    if (count > DIRECT_MAX_DOCUMENTS) {
        return `${count} documents changed, more than direct ingestion takes (${DIRECT_MAX_DOCUMENTS}); one scan is cheaper`;
    }
    if (!newest)
        return 'the data source has never had a full ingestion job';
    if (newest.status !== 'COMPLETE' || (newest.statistics?.numberOfDocumentsFailed ?? 0) > 0) {
        return `the last full job (${newest.jobId}) did not end cleanly; a full job heals it`;
    }
    return undefined;
}
/** The documents a direct ingestion failed, each with Bedrock's reason. */
function directFailure(outcome) {
    const reasons = outcome.failed.map(result/* documentFailureText */.Pf);
    return `Direct ingestion: ${outcome.failed.length} documents failed: ${(0,src_text/* listSome */.XT)(reasons, rules/* LISTED_VALUES_LIMIT */.h5)}`;
}
/** Failed documents fail the phase, or only warn with fail_on_document_failures: false. */
function documentsFailed(message, config, ctx, phase) {
    if (!config.failOnDocumentFailures) {
        ctx.warn(message);
        return phase;
    }
    return {
        ...phase,
        outcome: 'failed',
        error: `${message}. Set fail_on_document_failures: false to accept this as a warning.`
    };
}
/**
 * A clientToken that is the same for every retry of this step's request and different for every other run,
 * attempt, step, knowledge base and data source: letters, digits and single hyphens, 71 characters.
 * Outside a GitHub run there is no run id to pin it to, so the time makes each local run its own.
 */
function clientToken(config, run, now) {
    const parts = [
        run.repository,
        run.runId || `local-${now}`,
        run.runAttempt,
        run.job,
        run.action,
        config.knowledgeBaseId,
        config.dataSourceId
    ];
    return `kbsync-${(0,external_node_crypto_.createHash)('sha256').update(parts.join('\n')).digest('hex')}`;
}
/** How a finished job ends the phase: COMPLETE (checked for failed documents), FAILED or STOPPED. */
function judge(job, config, ctx, phase) {
    const failedDocs = job.statistics?.numberOfDocumentsFailed ?? 0;
    if (job.status === 'COMPLETE') {
        if (failedDocs === 0)
            return phase;
        return documentsFailed(`Ingestion job ${job.jobId} completed, but ${failedDocs} documents failed to ingest${reasons(job)}`, config, ctx, phase);
    }
    if (job.status === 'FAILED')
        return { ...phase, outcome: 'failed', error: `Ingestion job ${job.jobId} FAILED${reasons(job)}` };
    return {
        ...phase,
        outcome: 'failed',
        error: `Ingestion job ${job.jobId} ended ${job.status} before it finished${reasons(job)}`
    };
}
function reasons(job) {
    return job.failureReasons.length > 0 ? `: ${job.failureReasons.join('; ')}` : '';
}


/***/ })

};
