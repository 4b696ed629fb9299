import { DomainError, invalid } from '../errors';
import { isUsable } from '../materials/rules';
import type { GivenMaterial } from './commands';
import type { CaseState, MaterialCheck, ProvidedFile } from './types';

/**
 * Issue 16: how a material is provided. `provided: true` or `original: 'paper'` is the paper
 * original seen at the window (refused where the matter takes none); `files` are stored files of
 * this case's material, each usable: scanned clean, or `not-scanned` where no scanner runs.
 * Returns the files' chain records, or undefined for paper; `false` when the entry provides nothing.
 */
export function providedBy(
  m: GivenMaterial,
  i: number,
  state: Pick<CaseState, 'tenant' | 'caseNo'> | undefined,
  paperOriginals: boolean | undefined,
  scannerless?: boolean,
): ProvidedFile[] | undefined | false {
  const at = `materials.${i}`;
  const paper = m.provided === true || m.original === 'paper';
  if (m.files) {
    if (paper || m.provided === false)
      throw invalid(at, '纸质原件与电子文件请分开提交', 'give either the paper original or files, not both');
    if (new Set(m.files.map((f) => f.id)).size !== m.files.length)
      throw invalid(`${at}.files`, '同一文件重复提交', 'a file is given twice');
    return m.files.map(({ id, record: f }) => {
      if (
        !state ||
        !f ||
        f.id !== id ||
        f.tenant !== state.tenant ||
        f.caseNo !== state.caseNo ||
        f.code !== m.code
      )
        throw invalid(
          `${at}.files`,
          `本办件的“${m.code}”材料没有文件“${id}”`,
          `material '${m.code}' of this case has no file '${id}'`,
        );
      if (!isUsable(f.scan, scannerless === true))
        throw new DomainError(
          'invalid-state',
          f.scan === 'infected' ? `文件“${f.name}”检出恶意代码，已隔离` : `文件“${f.name}”尚未通过病毒扫描`,
          `file '${id}' is ${f.scan === 'infected' ? 'infected (quarantined)' : 'not scanned clean yet'}`,
          `${at}.files`,
        );
      const { code, version, name, sha256, sm3, size, type } = f;
      return { code, id, version, name, sha256, sm3, size, type };
    });
  }
  if (!paper) return false;
  if (paperOriginals === false)
    throw invalid(
      m.original ? `${at}.original` : `${at}.provided`,
      '该事项不收纸质原件，请提交电子文件',
      'the matter takes no paper originals: provide files',
    );
  return undefined;
}

/** The material as provided: on paper, or by `files` (which then are all its files). */
export const provide = (m: MaterialCheck, files: readonly ProvidedFile[]): MaterialCheck => {
  const { files: _old, ...rest } = m;
  return files.length
    ? { ...rest, provided: true, form: 'electronic', files }
    : { ...rest, provided: true, form: 'paper' };
};
