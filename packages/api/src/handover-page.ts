import { AgreementDocument, type Lang, printablePage } from '@onewindow/documents';
import type { HandoverAgreement } from '@onewindow/domain';

/** The agreement as a printable A4 page: no script, no external resources but the seal's imprint. */
export function handoverPage(a: HandoverAgreement, sealImprintUrl: string, lang: Lang = 'zh') {
  return printablePage({
    lang,
    title: a.title,
    document: AgreementDocument({ agreement: a, lang, imprintSrc: sealImprintUrl }),
  });
}
