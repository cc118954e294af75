// The runner harness lives with the local stack, where the demo and the benchmarks use it too.
export * from '../../../local/action-runner.js'
