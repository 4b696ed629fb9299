export type { ApplyOptions } from './apply';
export { RolloutService } from './service';
export type { Handover, RolloutView } from './view';
