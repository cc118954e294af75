export const id = 120;
export const ids = [120];
export const modules = {

/***/ 3120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   updateAlertIssue: () => (/* binding */ updateAlertIssue)
/* harmony export */ });
/* unused harmony exports alertTitle, alertAction */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5124);


/** Open issues read while looking for the alert: enough for any repository that is not drowning in issues. */
const MAX_PAGES = 10;
function alertTitle(knowledgeBaseId) {
    return `kb-sync is failing for knowledge base ${knowledgeBaseId}`;
}
function marker(knowledgeBaseId) {
    return `<!-- kb-sync-alert knowledge-base=${knowledgeBaseId} -->`;
}
/** What the alert issue should do after this run: open or comment (failed), close (succeeded), or nothing. */
function alertAction(result) {
    if (result.dryRun || result.status === 'cancelled')
        return 'none';
    return result.status === 'failed' ? 'fail' : 'recover';
}
/** Returns a warning when the issue could not be updated; an alert never fails a run. */
async function updateAlertIssue(target, result, signal) {
    const action = alertAction(result);
    if (action === 'none')
        return undefined;
    const [owner, repo] = target.repository.split('/');
    try {
        const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
        const octokit = getOctokit(target.token, { request: { signal } });
        const open = await findOpenAlert(octokit, owner, repo, target.knowledgeBaseId);
        const body = report(target, result);
        if (action === 'fail') {
            if (open === undefined) {
                await octokit.rest.issues.create({
                    owner,
                    repo,
                    title: alertTitle(target.knowledgeBaseId),
                    body: `${marker(target.knowledgeBaseId)}\n${body}`
                });
            }
            else {
                await octokit.rest.issues.createComment({ owner, repo, issue_number: open, body });
            }
        }
        else if (open !== undefined) {
            await octokit.rest.issues.createComment({ owner, repo, issue_number: open, body: `Recovered. ${body}` });
            await octokit.rest.issues.update({ owner, repo, issue_number: open, state: 'closed', state_reason: 'completed' });
        }
        return undefined;
    }
    catch (error) {
        const status = error.status;
        const hint = status === 403 || status === 404 ? ' Give the job "permissions: issues: write".' : '';
        return `The alert issue was not updated (the run's outcome stands): ${error instanceof Error ? error.message : String(error)}.${hint}`;
    }
}
async function findOpenAlert(octokit, owner, repo, knowledgeBaseId) {
    const title = alertTitle(knowledgeBaseId);
    let page = 0;
    for await (const response of octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
        owner,
        repo,
        state: 'open',
        per_page: 100
    })) {
        const found = response.data.find((issue) => !issue.pull_request && issue.title === title && (issue.body ?? '').includes(marker(knowledgeBaseId)));
        if (found)
            return found.number;
        if (++page >= MAX_PAGES)
            return undefined;
    }
    return undefined;
}
/** The run in a few lines of Markdown; outside text as character references, so it cannot change the issue. */
function report(target, result) {
    const lines = [(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .summaryText */ .g5)((0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .outcomeLine */ .RW)(result), 1_000)];
    for (const problem of result.problems.slice(0, 5))
        lines.push(`- ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .summaryText */ .g5)(problem.message, 500)}`);
    lines.push('', `Knowledge base \`${target.knowledgeBaseId}\`, data source \`${target.dataSourceId}\`.` +
        (target.runUrl ? ` [The run](${target.runUrl}).` : ''));
    return lines.join('\n');
}


/***/ })

};
