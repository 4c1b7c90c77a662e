/** The audit module's public entry for other modules (more of it moves here as issue 10's split lands). */
export { createCheckpointSigner, type CheckpointSigner } from './checkpoints';
export { startOfDayAmsterdam } from './dates';
export { addIsoDuration, isIsoDuration, subtractIsoDuration } from './iso-duration';
export { pruneVerwerkingenlog, type PruneStep } from './prune';
export { auditMigrations } from './audit.migrations';
export { verwerkingenLogFor, type Verwerking, type VerwerkingenLog } from './verwerkingen';
