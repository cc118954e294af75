/** The action's entrypoint (action.yml runs dist/index.js, the bundle of this file). */
import { run } from './main.js'

// Every deadline timer is unref'd, so a request whose promise stops settling (@actions/core's token request when
// its connection drops mid-body) would let Node end the process with exit code 13 and no report. Held open until
// the run has reported, the process lives to see that request's deadline.
const keepAlive = setInterval(() => undefined, 2 ** 30)
try {
  await run()
} finally {
  clearInterval(keepAlive)
}
