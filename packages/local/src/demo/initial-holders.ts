import type { MatterDefinition } from '@onewindow/domain';
import {
  anshanMatters,
  jiangningMatters,
  jiangningSubdistricts,
  linziFirstBatchMatters,
  linziMatters,
  linziStationedMatters,
  yanliangMatters,
} from './catalogue';
import { departmentOf } from './catalogue/library';
import { demoTenants } from './tenancy';

/** One tenant's holders before any rollout, as `PUT /v1/tenants/{tenant}/initial-holders` takes them. */
export interface DemoInitialHolders {
  readonly tenant: string;
  readonly since: string;
  readonly items: readonly {
    matter: string;
    body: string;
    seal: string;
    mode?: 'stationed';
    windowBody?: string;
  }[];
}

/** Each matter with the department that owned it before the reform (`district`'s body), under its own seal. */
const heldBy = (district: string, matters: readonly MatterDefinition[]) =>
  matters.map((m) => ({
    matter: m.code,
    body: `${district}/${departmentOf(m)}`,
    seal: `${departmentOf(m)}-seal`,
  }));

const sinceOf = (tenant: string): string => {
  const t = demoTenants.find((d) => d.id === tenant);
  if (!t) throw new Error(`demo data: no tenant ${tenant}`);
  return t.since;
};

/**
 * R13 for the four seeds: who held each matter when the tenant began. Seeds 000 and 003 name
 * the original departments (原审批部门, 行业主管部门); seed 001's matters were the district
 * departments' (赋权部门) in every sub-district and in the district itself; seed 002's zone
 * departments held theirs before the 2020 concentration. What Linzi never moves stays with its
 * department, stationed at the hall (大厅之外无审批).
 */
export const demoInitialHolders: readonly DemoInitialHolders[] = [
  {
    tenant: 'xian.yanliang',
    since: sinceOf('xian.yanliang'),
    items: heldBy('xian.yanliang', yanliangMatters),
  },
  ...['nanjing.jiangning', ...jiangningSubdistricts].map((tenant) => ({
    tenant,
    since: sinceOf(tenant),
    items: heldBy('nanjing.jiangning', jiangningMatters),
  })),
  {
    tenant: 'zibo.linzi',
    since: sinceOf('zibo.linzi'),
    items: [
      ...heldBy('zibo.linzi', [...linziFirstBatchMatters, ...linziMatters]),
      ...heldBy('zibo.linzi', linziStationedMatters).map((h) => ({
        ...h,
        mode: 'stationed' as const,
        windowBody: 'zibo.linzi/approval-bureau',
      })),
    ],
  },
  { tenant: 'anshan.gaoxin', since: sinceOf('anshan.gaoxin'), items: heldBy('anshan.gaoxin', anshanMatters) },
];
