// The one entry tests, scripts and benchmarks import: the stack's assembly lives in harness/, the emulated services
// in services/, and either may move without breaking a consumer.
export * from './harness/stack.js'
