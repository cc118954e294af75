/** The action's entrypoint (action.yml runs dist/index.js, the bundle of this file). */
import { run } from './main.js'

/** Once the run has reported, whatever still holds the process open gets this long before the step ends anyway. */
const EXIT_AFTER_REPORT_MS = 1_000

// Every deadline timer is unref'd, so a request whose promise stops settling (a token request whose connection drops
// mid-body, in @actions/core's client) would let Node end the process with exit code 13 and no report. Held open until
// the run has reported, the process lives to see that request's deadline.
const keepAlive = setInterval(() => undefined, 2 ** 30)
try {
  await run()
} finally {
  clearInterval(keepAlive)
  // A request the run gave up on (a token endpoint that never answers) keeps its socket, and with it the process,
  // open: the step would outlive its report until the runner's own timeout.
  setTimeout(() => process.exit(), EXIT_AFTER_REPORT_MS).unref()
}
