/**
 * What the pipeline may say while it runs. The runner adapter backs it with @actions/core (log lines, groups,
 * annotations); tests back it with an array. Keeping @actions/core out of the pipeline lets the same core serve a CLI.
 */
export interface Logger {
  info(message: string): void
  debug(message: string): void
  warning(message: string): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

export const silentLogger: Logger = {
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  group: (_name, fn) => fn()
}
