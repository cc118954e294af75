export const id = 963;
export const ids = [963];
export const modules = {

/***/ 6963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   oidcCredentials: () => (/* binding */ oidcCredentials)
/* harmony export */ });
/* unused harmony exports assumeRoleWithOidc, assumeRoleCredentials, assumeRole */
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1695);
/* harmony import */ var _budget_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7562);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6683);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(201);
/* harmony import */ var _github_oidc_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(650);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9378);
/**
 * GitHub OIDC → STS AssumeRoleWithWebIdentity, done by the action itself so the credentials live only inside
 * this step. Without role_to_assume the SDK's default credential chain is used instead. Outside GitHub Actions a
 * terminal front assumes role_to_assume with STS AssumeRole, signed by the default chain (a profile, SSO, keys).
 */







/** Credentials are renewed this long before they expire, so no call is signed with a dying session. */
const RENEW_BEFORE_MS = 5 * 60_000;
/**
 * Assumes the role now (so a refusal fails the run before any work), then hands out those credentials and renews
 * them with a fresh OIDC token when they near expiry: a long drain plus a long ingestion wait can outlast the
 * one-hour session that every role allows.
 */
async function oidcCredentials(request, now = Date.now) {
    return renewed((signal) => assumeRoleWithOidc(request, signal), request, now);
}
/** Gets credentials now, hands them out, and gets them again (one renewal at a time) when they near expiry. */
async function renewed(assume, bounds, now) {
    let current = await assume(bounds.signal ?? _deadline_js__WEBPACK_IMPORTED_MODULE_0__/* .NEVER */ .tm);
    let renewing;
    return async () => {
        const expiresAt = current.expiration?.getTime() ?? Infinity;
        if (expiresAt - now() > RENEW_BEFORE_MS)
            return current;
        const bound = AbortSignal.any([bounds.cancel ?? _deadline_js__WEBPACK_IMPORTED_MODULE_0__/* .NEVER */ .tm, AbortSignal.timeout(_budget_js__WEBPACK_IMPORTED_MODULE_4__/* .CREDENTIALS_BUDGET_MS */ .MN)]);
        renewing ??= assume(bound).finally(() => (renewing = undefined));
        current = await renewing;
        return current;
    };
}
async function assumeRoleWithOidc(request, signal) {
    if (!request.idTokenAvailable) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CredentialsError */ .lE(`role_to_assume is set but this job cannot request a GitHub OIDC token: add "permissions: id-token: write" to the job (or workflow) that runs kb-sync.`);
    }
    let token;
    try {
        token = await (0,_deadline_js__WEBPACK_IMPORTED_MODULE_0__/* .raceSignal */ .WU)(request.getIdToken(request.audience, signal), signal);
    }
    catch (error) {
        if ((0,_deadline_js__WEBPACK_IMPORTED_MODULE_0__/* .stopCause */ .w3)(signal))
            throw signal.reason;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CredentialsError */ .lE(tokenRequestFailure(request.audience, error));
    }
    request.mask(token);
    const sts = request.sts ?? (await (0,_clients_js__WEBPACK_IMPORTED_MODULE_1__/* .createStsClient */ .uW)(request.region));
    try {
        const answer = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__/* .AssumeRoleWithWebIdentityCommand */ .WH({
            RoleArn: request.roleArn,
            RoleSessionName: request.sessionName,
            WebIdentityToken: token,
            DurationSeconds: 3600
        }), { abortSignal: signal });
        const credentials = sessionOf(answer.Credentials, `STS AssumeRoleWithWebIdentity for ${request.roleArn}`);
        request.mask(credentials.accessKeyId);
        request.mask(credentials.secretAccessKey);
        request.mask(credentials.sessionToken);
        return credentials;
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CredentialsError */ .lE)
            throw error;
        if ((0,_deadline_js__WEBPACK_IMPORTED_MODULE_0__/* .stopCause */ .w3)(signal))
            throw signal.reason;
        const aws = `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorName */ .Is)(error)}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)}`;
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isAccessDenied */ .w7)(error) || (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorName */ .Is)(error) === 'InvalidIdentityTokenException') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CredentialsError */ .lE(`sts:AssumeRoleWithWebIdentity was refused for ${request.roleArn}: check that the role's trust policy trusts the GitHub OIDC provider for this repository (token.actions.githubusercontent.com:sub) and the audience '${request.audience}' (${aws})`);
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CredentialsError */ .lE(`sts:AssumeRoleWithWebIdentity for ${request.roleArn} failed (${aws})`);
    }
    finally {
        if (!request.sts)
            sts.destroy();
    }
}
/**
 * role_to_assume outside GitHub Actions: STS AssumeRole signed by the default credential chain (AWS_PROFILE, SSO,
 * environment keys), renewed like the OIDC session so a long run never signs with expired credentials. The
 * permission is the caller's own (sts:AssumeRole on the role), and the role's trust policy must trust the caller.
 */
async function assumeRoleCredentials(request, now = Date.now) {
    return renewed((signal) => assumeRole(request, signal), request, now);
}
async function assumeRole(request, signal) {
    const sts = request.sts ?? (await createStsClient(request.region));
    try {
        const answer = await sts.send(new AssumeRoleCommand({
            RoleArn: request.roleArn,
            RoleSessionName: request.sessionName,
            // One hour is also the most a chained role session (from SSO or another role) may ask for.
            DurationSeconds: 3600
        }), { abortSignal: signal });
        return sessionOf(answer.Credentials, `STS AssumeRole for ${request.roleArn}`);
    }
    catch (error) {
        if (error instanceof CredentialsError)
            throw error;
        if (stopCause(signal))
            throw signal.reason;
        const aws = `${errorName(error)}: ${errorMessage(error)}`;
        if (errorName(error) === 'CredentialsProviderError' || isCredentialError(error)) {
            throw new CredentialsError(`No usable AWS credentials to call sts:AssumeRole for ${request.roleArn}: sign in first (aws sso login, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) (${aws})`);
        }
        if (isAccessDenied(error)) {
            throw new CredentialsError(`sts:AssumeRole was refused for ${request.roleArn}: your identity needs sts:AssumeRole on that role, and the role's trust policy must trust your identity (${aws})`);
        }
        throw new CredentialsError(`sts:AssumeRole for ${request.roleArn} failed (${aws})`);
    }
    finally {
        if (!request.sts)
            sts.destroy();
    }
}
/**
 * Why the token request failed, and where to look. Only a refusal (401, 403), or a request that could not be made
 * at all, points at the job's permissions; a rate limit or a 5xx does not, and a dropped connection points at the
 * network.
 */
function tokenRequestFailure(audience, error) {
    const failed = `Could not get a GitHub OIDC token for audience '${audience}'`;
    const text = (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error);
    const request = error instanceof _github_oidc_js__WEBPACK_IMPORTED_MODULE_2__/* .TokenRequestError */ .Nj ? error : undefined;
    // The runner gave no token URL: the request could not be made at all.
    const notMade = request !== undefined && request.status === undefined && /not set$/.test(text);
    if (notMade || request?.status === 401 || request?.status === 403) {
        return `${failed}: ${text}. Check that the job has "permissions: id-token: write".`;
    }
    if (request?.status !== undefined)
        return `${failed}: ${text}. Try the run again later.`;
    return `${failed}: GitHub's token endpoint could not be reached (${text}). Check the runner's network.`;
}
/** A session's credentials from STS's answer; an answer without all three parts is an error, never a half session. */
function sessionOf(c, call) {
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .CredentialsError */ .lE(`${call} returned no credentials.`);
    return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        ...(c.Expiration ? { expiration: c.Expiration } : {})
    };
}


/***/ })

};
