/**
 * The fault matrix, end to end: the bundled action, the reference Lambda and the local stack with one fault armed
 * per scenario. The tables are ./<area>.ts; RELIABILITY.md lists every scenario and the counts asserted here.
 */
import { runMatrix } from './support/matrix.js'
import { MATRIX } from './tables.js'

runMatrix(MATRIX)
