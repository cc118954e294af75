/**
 * The fault matrix: one table per area, in the order RELIABILITY.md lists them. The matrix test runs them all;
 * RELIABILITY.md's check reads them to know what the matrix covers.
 */
import { cancel } from './cancel.js'
import { concurrency } from './concurrency.js'
import { hostile } from './hostile.js'
import { inputs } from './inputs.js'
import { jobs } from './jobs.js'
import { lambda } from './lambda.js'
import type { AreaTable } from './support/matrix.js'
import { transport } from './transport.js'

export const MATRIX: AreaTable[] = [transport, lambda, jobs, concurrency, cancel, inputs, hostile]

/** Where the tests live: one file runs every table, so the long waits of one area overlap the work of the others. */
export const MATRIX_TEST_FILE = '__tests__/e2e/matrix/matrix.e2e.test.ts'
