import type { MatterDefinition } from '@onewindow/domain';
import { anshanInitialPlan, anshanMatters, anshanReturnPlans } from './anshan';
import { jiangningMatters, jiangningPlan } from './jiangning';
import { linziFirstPlan, linziPlan, ziboMatters } from './linzi';
import type { DemoRolloutPlan } from './types';
import { yanliangMatters, yanliangPlan } from './yanliang';

export * from './anshan';
export * from './jiangning';
export * from './linzi';
export * from './types';
export * from './yanliang';

/** Each demo city's guidance catalogue (指导目录). */
export const demoCatalogues: Readonly<Record<string, MatterDefinition[]>> = {
  xian: yanliangMatters,
  nanjing: jiangningMatters,
  zibo: ziboMatters,
  anshan: anshanMatters,
};

/** Every demo rollout in the order it must be applied (Anshan's concentration before its reverse). */
export const demoRolloutPlans: readonly DemoRolloutPlan[] = [
  yanliangPlan,
  jiangningPlan,
  linziFirstPlan,
  linziPlan,
  anshanInitialPlan,
  ...anshanReturnPlans,
];
