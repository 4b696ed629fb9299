import {
  type Lang,
  printablePage,
  type ReceiptCase,
  ReceiptDocument,
  ResultDocument,
  receiptTitle,
  resultTitle,
} from '@onewindow/documents';
import type { SealedResult } from '@onewindow/domain';

/**
 * 一次性告知书 (art. 32 (1) 4, R8): every missing item in one notice, printable. Printed whatever
 * the case's state now: it is the notice that was given.
 */
export function noticePage(s: ReceiptCase, bodyName: string, lang: Lang = 'zh') {
  return printablePage({
    lang,
    title: receiptTitle(lang, 'notice'),
    document: ReceiptDocument({ case: s, lang, issuer: bodyName, kind: 'notice' }),
  });
}

/** The issued result: decision, seal imprint (drawn into the page), signature, and a QR code to its verification. */
export function resultPage(
  s: { readonly result?: SealedResult },
  input: { bodyName: string; sealName: string; verifyUrl: string },
  lang: Lang = 'zh',
) {
  const r = s.result;
  if (!r) throw new Error('no result');
  return printablePage({
    lang,
    title: resultTitle(lang, r),
    document: ResultDocument({
      result: r,
      lang,
      bodyName: input.bodyName,
      sealName: input.sealName,
      verifyUrl: input.verifyUrl,
      imprint: { draw: { bodyName: input.bodyName, sealName: input.sealName } },
    }),
  });
}
