/** Transport faults on every call the action makes (the table: ./scenarios/transport.ts). */
import { transport } from './scenarios/transport.js'
import { runMatrixFile } from './support/matrix.js'

runMatrixFile(transport)
