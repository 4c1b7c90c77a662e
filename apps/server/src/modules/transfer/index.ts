/** The transfer module's public entry for other modules (more of it moves here as issue 10's split lands). */
export { createTransferRetention } from './transfer-retention';
