import type { Agreement as AgreementView } from '@onewindow/api/contract';
import { AgreementDocument as Document } from '@onewindow/documents';
import { seg } from '../../api';
import type { Ctx } from '../../env';
import { PrintButton } from '../cases/documents';
import { ChecklistForms } from './trainings';

/** The handover agreement (交接协议书) as the API derives it from a rollout. */
export type Agreement = AgreementView;

/** The printable agreement in the console's layout; the receiving tenant's seal imprint is drawn by the API. */
export function AgreementDocument({ c, a }: { c: Ctx; a: Agreement }) {
  return (
    <>
      <Document
        agreement={a}
        lang={c.get('lang')}
        imprintSrc={`/console/tenants/${seg(a.seal.tenant ?? a.tenant)}/seals/${seg(a.seal.id)}/imprint.svg`}
        actions={<PrintButton c={c} />}
      />
      <ChecklistForms c={c} a={a} />
    </>
  );
}
