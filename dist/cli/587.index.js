export const id = 587;
export const ids = [587];
export const modules = {

/***/ 587:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runDryRunChecks: () => (/* binding */ runDryRunChecks)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_bedrock_agent__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8009);
/* harmony import */ var _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9315);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9378);
/* harmony import */ var _budget_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7562);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6683);
/* harmony import */ var _backlog_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2441);
/* harmony import */ var _backoff_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1178);
/* harmony import */ var _rules_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6517);
/**
 * Dry run (docs/behaviour.md, "Dry run"): every check that has no side effect, each reported on its own. No
 * Lambda runs, no job starts. All checks share one deadline, and a cancel stops them.
 */








async function runDryRunChecks(config, clients, ctx) {
    let backlog = null;
    const kb = `knowledge base ${config.knowledgeBaseId}`;
    const ds = `data source ${config.dataSourceId} of ${kb}`;
    const ingestionOff = config.ingestion === 'never' ? 'ingestion: never' : undefined;
    const checks = [
        {
            name: 'Lambda can be invoked (DryRun)',
            iamAction: 'lambda:InvokeFunction',
            target: `function ${config.functionName}`,
            skip: config.sync ? undefined : 'sync: false',
            run: async (abortSignal) => {
                await (await clients.lambda()).send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_4__/* .InvokeCommand */ .mdN({ FunctionName: config.functionName, InvocationType: 'DryRun' }), {
                    abortSignal
                });
                return ok(`lambda:InvokeFunction allowed on ${config.functionName}`);
            }
        },
        {
            name: 'Knowledge base exists',
            iamAction: 'bedrock:GetKnowledgeBase',
            target: kb,
            skip: ingestionOff,
            run: async (abortSignal) => {
                const answer = await (await clients.bedrock()).send(new _aws_sdk_client_bedrock_agent__WEBPACK_IMPORTED_MODULE_5__/* .GetKnowledgeBaseCommand */ .Voz({ knowledgeBaseId: config.knowledgeBaseId }), { abortSignal });
                return readiness(answer.knowledgeBase?.name ?? config.knowledgeBaseId, answer.knowledgeBase?.status, [
                    'ACTIVE',
                    'UPDATING'
                ]);
            }
        },
        {
            name: 'Data source exists',
            iamAction: 'bedrock:GetDataSource',
            target: ds,
            skip: ingestionOff,
            run: async (abortSignal) => {
                const answer = await (await clients.bedrock()).send(new _aws_sdk_client_bedrock_agent__WEBPACK_IMPORTED_MODULE_5__/* .GetDataSourceCommand */ .x$$({ knowledgeBaseId: config.knowledgeBaseId, dataSourceId: config.dataSourceId }), { abortSignal });
                return readiness(answer.dataSource?.name ?? config.dataSourceId, answer.dataSource?.status, ['AVAILABLE']);
            }
        },
        {
            name: 'Ingestion jobs can be listed',
            iamAction: 'bedrock:ListIngestionJobs',
            target: ds,
            skip: ingestionOff,
            run: async (abortSignal) => {
                const answer = await (await clients.bedrock()).send(new _aws_sdk_client_bedrock_agent__WEBPACK_IMPORTED_MODULE_5__/* .ListIngestionJobsCommand */ .Czs({
                    knowledgeBaseId: config.knowledgeBaseId,
                    dataSourceId: config.dataSourceId,
                    sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
                    maxResults: 10
                }), { abortSignal });
                const newest = answer.ingestionJobSummaries?.[0];
                if (!newest)
                    return ok('no ingestion job yet');
                const running = _rules_js__WEBPACK_IMPORTED_MODULE_3__/* .ACTIVE_STATUSES */ .az.has(newest.status ?? '') ? ' (running now)' : '';
                return ok(`newest job ${newest.ingestionJobId} is ${newest.status}${running}`);
            }
        },
        {
            name: 'Backlog can be counted',
            iamAction: 'dynamodb:Query',
            target: `table ${config.backlogTable} index ${config.backlogIndex}`,
            skip: config.backlogTable === undefined ? 'backlog_table is empty' : undefined,
            run: async (abortSignal) => {
                const result = await (0,_backlog_js__WEBPACK_IMPORTED_MODULE_2__/* .countBacklog */ .J)(await clients.dynamodb(), { table: config.backlogTable, index: config.backlogIndex }, abortSignal);
                if (abortSignal.aborted)
                    throw abortSignal.reason;
                backlog = result.count;
                // An unreadable count never fails a real run, so it only warns here too.
                return result.count === null
                    ? { status: 'warning', detail: result.warning }
                    : ok(`${result.count} incidents pending in ${config.backlogTable}`);
            }
        }
    ];
    const deadline = (0,_deadline_js__WEBPACK_IMPORTED_MODULE_1__/* .startDeadline */ .db)(ctx.clock, _budget_js__WEBPACK_IMPORTED_MODULE_6__/* .DRY_RUN_BUDGET_MS */ .N, ctx.cancel, `the dry run's ${_budget_js__WEBPACK_IMPORTED_MODULE_6__/* .DRY_RUN_BUDGET_MS */ .N / 60_000} minutes`);
    const results = [];
    for (const check of checks) {
        if ((0,_deadline_js__WEBPACK_IMPORTED_MODULE_1__/* .stopCause */ .w3)(deadline.signal)?.name === 'Cancelled')
            break;
        const outcome = await runCheck(check, config.region, deadline.signal, ctx.clock);
        results.push({ name: check.name, ...outcome });
        ctx.logger.info(`${outcome.status.toUpperCase().padEnd(7)} ${check.name}: ${outcome.detail}`);
        if (outcome.status === 'warning')
            ctx.warn(`${check.name}: ${outcome.detail}`);
    }
    return { checks: results, backlog };
}
/** Every check is free of side effects, so a throttled or transient failure is tried again while time is left. */
async function runCheck(check, region, signal, clock) {
    if (check.skip)
        return { status: 'skipped', detail: check.skip };
    const describe = (error) => (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeAwsError */ .Pp)(error, { iamAction: check.iamAction, target: check.target, region });
    let last;
    for (let attempt = 0;; attempt++) {
        try {
            return await check.run(signal);
        }
        catch (error) {
            const cause = (0,_deadline_js__WEBPACK_IMPORTED_MODULE_1__/* .stopCause */ .w3)(signal);
            const lastSeen = last === undefined ? '' : ` (last: ${describe(last)})`;
            if (cause)
                return { status: 'failed', detail: `not finished: ${cause.message}${lastSeen}` };
            if (!(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isTransient */ .dg)(error))
                return { status: 'failed', detail: describe(error) };
            last = error;
        }
        const wait = (0,_backoff_js__WEBPACK_IMPORTED_MODULE_7__/* .retryDelay */ .a)(attempt, () => clock.random());
        try {
            await clock.sleep(wait, signal);
        }
        catch {
            return {
                status: 'failed',
                detail: `not finished: ${(0,_deadline_js__WEBPACK_IMPORTED_MODULE_1__/* .stopCause */ .w3)(signal)?.message ?? 'stopped'} (last: ${describe(last)})`
            };
        }
    }
}
/** A resource that exists but is not ready lets the run start and its ingestion job fail: worth a warning. */
function readiness(name, status, ready) {
    const state = status ?? 'UNKNOWN';
    return ready.includes(state)
        ? ok(`${name} is ${state}`)
        : { status: 'warning', detail: `${name} is ${state}; an ingestion job may not start` };
}
function ok(detail) {
    return { status: 'ok', detail };
}


/***/ })

};
