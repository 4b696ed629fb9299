// Applying a rollout moved to the application layer (packages/app/src/rollouts/apply.ts); its
// storage pieces are RolloutRepository.recordProgress and writePeriods. Nothing is left here:
// this file and its line in index.ts go once no caller imports applyRollout from the store.
export {};
