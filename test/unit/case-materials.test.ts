import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MaterialIntegrity, recordedFiles } from '../../packages/app/src/cases/material-integrity';
import type { ObjectStore } from '../../packages/app/src/materials/objects';
import {
  type CaseEvent,
  chainHash,
  GENESIS_HASH,
  type MaterialFile,
  materialKey,
  type StoredCaseEvent,
} from '../../packages/domain/src';
import type { Store } from '../../packages/store/src';
import {
  BINDING,
  CLERK,
  domainError,
  intake,
  MATTER,
  provided,
  Story,
  T0,
  TENANT,
} from '../support/case-fixtures';

/** Issue 16: materials provided on paper or by stored files, the files' digests in the chain. */

const CASE_NO = intake().caseNo;
const bytesOf = (text: string) => new TextEncoder().encode(text);
const hex = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');

/** A stored file's record as the materials repository keeps it. */
const file = (
  code: string,
  id: string,
  over: Partial<MaterialFile> = {},
  content = `${code}/${id}`,
): MaterialFile => {
  const bytes = bytesOf(content);
  return {
    id,
    tenant: TENANT,
    caseNo: CASE_NO,
    code,
    version: 1,
    key: materialKey(TENANT, CASE_NO, code, id),
    name: `${code}.pdf`,
    size: bytes.length,
    type: 'application/pdf',
    sha256: hex('sha256', bytes),
    sm3: hex('sm3', bytes),
    scan: 'clean',
    channel: 'window',
    uploadedBy: CLERK.sub,
    uploadedAt: T0,
    ...over,
  };
};
const files = (...records: MaterialFile[]) => records.map((record) => ({ id: record.id, record }));

/** A case waiting for the form and the licence (both core) with the plan and the photo on paper. */
const waiting = (matter = MATTER) =>
  Story.begin().act(
    intake({ matter, materials: matter.paperOriginals === false ? [] : provided('plan', 'photo') }),
    T0,
    CLERK,
  );
const paperless = { ...MATTER, paperOriginals: false };

describe('intake: the paper original seen at the window', () => {
  it('records `provided: true` and `original: paper` as paper originals', () => {
    const story = Story.begin().act(
      intake({
        materials: [
          { code: 'form', provided: true },
          { code: 'licence', original: 'paper' },
          { code: 'plan', provided: true },
          { code: 'photo', original: 'paper' },
        ],
      }),
      T0,
      CLERK,
    );
    expect(story.case.status).toBe('accepted');
    expect(story.case.materials.map((m) => [m.code, m.provided, m.form])).toEqual([
      ['form', true, 'paper'],
      ['licence', true, 'paper'],
      ['plan', true, 'paper'],
      ['photo', true, 'paper'],
    ]);
  });

  it('refuses a paper original where the matter takes none, naming the field', () => {
    const byProvided = domainError(() => Story.begin().act(intake({ matter: paperless }), T0, CLERK));
    expect(byProvided).toMatchObject({ type: 'validation', field: 'materials.0.provided' });
    const byOriginal = domainError(() =>
      Story.begin().act(
        intake({ matter: paperless, materials: [{ code: 'form', original: 'paper' }] }),
        T0,
        CLERK,
      ),
    );
    expect(byOriginal).toMatchObject({ type: 'validation', field: 'materials.0.original' });
    expect(byOriginal.zh).toMatch(/纸质原件/);
  });

  it('takes a paperless matter with nothing provided: the one-time notice asks for every material', () => {
    const story = Story.begin().act(intake({ matter: paperless, materials: [] }), T0, CLERK);
    expect(story.case.status).toBe('needs-correction');
    expect(story.case.paperOriginals).toBe(false);
    expect(story.events[0]).toMatchObject({ type: 'received', paperOriginals: false });
  });

  it('keeps files for a supplement: the case has no number to upload to before intake', () => {
    const error = domainError(() =>
      Story.begin().act(
        intake({ materials: [{ code: 'form', files: files(file('form', 'f1')) }] }),
        T0,
        CLERK,
      ),
    );
    expect(error).toMatchObject({ type: 'validation', field: 'materials.0.files' });
  });
});

describe('supplement by files', () => {
  it('provides a material with usable files and records each file’s digests in the event', () => {
    const form = file('form', 'f1');
    const licence = file('licence', 'l1', { scan: 'not-scanned' });
    const story = waiting().act(
      {
        type: 'supplement',
        binding: BINDING,
        materials: [
          { code: 'form', files: files(form) },
          { code: 'licence', files: files(licence) },
        ],
        scannerless: true,
      },
      T0,
      CLERK,
    );
    const supplemented = story.events.find((e) => e.type === 'supplemented');
    expect(supplemented).toMatchObject({
      materials: ['form', 'licence'],
      files: [
        {
          code: 'form',
          id: 'f1',
          version: 1,
          name: 'form.pdf',
          sha256: form.sha256,
          sm3: form.sm3,
          size: form.size,
          type: 'application/pdf',
        },
        { code: 'licence', id: 'l1', sha256: licence.sha256 },
      ],
    });
    expect(story.case.status).toBe('accepted');
    const m = story.case.materials.find((x) => x.code === 'form');
    expect(m).toMatchObject({
      provided: true,
      form: 'electronic',
      files: [{ id: 'f1', sha256: form.sha256 }],
    });
  });

  it('refuses a file not yet scanned clean (409) and an infected one, naming materials[i].files', () => {
    for (const scan of ['pending', 'infected'] as const) {
      const error = domainError(() =>
        waiting().try(
          {
            type: 'supplement',
            binding: BINDING,
            materials: [{ code: 'form', files: files(file('form', 'f1', { scan })) }],
          },
          T0,
          CLERK,
        ),
      );
      expect(error).toMatchObject({ type: 'invalid-state', field: 'materials.0.files' });
    }
    // `not-scanned` stands only where no scanner runs.
    const unscanned = domainError(() =>
      waiting().try(
        {
          type: 'supplement',
          binding: BINDING,
          materials: [{ code: 'form', files: files(file('form', 'f1', { scan: 'not-scanned' })) }],
        },
        T0,
        CLERK,
      ),
    );
    expect(unscanned).toMatchObject({ type: 'invalid-state', field: 'materials.0.files' });
  });

  it('refuses an unknown file, another material’s, another case’s, and one given twice (400)', () => {
    const cases = [
      [{ id: 'nope' }],
      files(file('licence', 'l1')),
      files(file('form', 'f1', { caseNo: 'other-case' })),
      files(file('form', 'f1'), file('form', 'f1')),
    ];
    for (const given of cases) {
      const error = domainError(() =>
        waiting().try(
          { type: 'supplement', binding: BINDING, materials: [{ code: 'form', files: given }] },
          T0,
          CLERK,
        ),
      );
      expect(error).toMatchObject({ type: 'validation', field: 'materials.0.files' });
    }
  });

  it('wants to know how a material is provided, and not both ways at once', () => {
    expect(
      domainError(() =>
        waiting().try({ type: 'supplement', binding: BINDING, materials: [{ code: 'form' }] }, T0, CLERK),
      ),
    ).toMatchObject({ type: 'validation', field: 'materials.0' });
    expect(
      domainError(() =>
        waiting().try(
          {
            type: 'supplement',
            binding: BINDING,
            materials: [{ code: 'form', provided: true, files: files(file('form', 'f1')) }],
          },
          T0,
          CLERK,
        ),
      ),
    ).toMatchObject({ type: 'validation', field: 'materials.0' });
  });

  it('refuses paper in a supplement where the matter takes none; files provide it', () => {
    const story = waiting(paperless);
    expect(
      domainError(() =>
        story.try(
          { type: 'supplement', binding: BINDING, materials: [{ code: 'form', original: 'paper' }] },
          T0,
          CLERK,
        ),
      ),
    ).toMatchObject({ type: 'validation', field: 'materials.0.original' });
    const after = story.act(
      {
        type: 'supplement',
        binding: BINDING,
        materials: [{ code: 'form', files: files(file('form', 'f1')) }],
      },
      T0,
      CLERK,
    );
    expect(after.case.materials[0]).toMatchObject({ form: 'electronic', provided: true });
  });

  it('replaces a file by a new version; the earlier version stays in the chain; the same set again is refused', () => {
    const v1 = file('form', 'f1');
    const v2 = file('form', 'f2', { version: 2 }, 'form, signed this time');
    const first = waiting().act(
      { type: 'supplement', binding: BINDING, materials: [{ code: 'form', files: files(v1) }] },
      T0,
      CLERK,
    );
    const second = first.act(
      { type: 'supplement', binding: BINDING, materials: [{ code: 'form', files: files(v2) }] },
      T0,
      CLERK,
    );
    expect(second.case.materials[0]?.files?.map((f) => [f.id, f.version])).toEqual([['f2', 2]]);
    const recorded = second.events.flatMap((e) => (e.type === 'supplemented' ? (e.files ?? []) : []));
    expect(recorded.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(
      domainError(() =>
        second.try(
          { type: 'supplement', binding: BINDING, materials: [{ code: 'form', files: files(v2) }] },
          T0,
          CLERK,
        ),
      ),
    ).toMatchObject({ type: 'invalid-state' });
  });

  it('keeps a case whose materials all came by files open to a replacement; paper alone closes it', () => {
    const all = Story.begin().act(intake(), T0, CLERK);
    expect(
      domainError(() =>
        all.try(
          { type: 'supplement', binding: BINDING, materials: [{ code: 'form', provided: true }] },
          T0,
          CLERK,
        ),
      ),
    ).toMatchObject({ type: 'invalid-state' });
    const electronic = waiting().act(
      {
        type: 'supplement',
        binding: BINDING,
        materials: [
          { code: 'form', files: files(file('form', 'f1')) },
          { code: 'licence', files: files(file('licence', 'l1')) },
        ],
      },
      T0,
      CLERK,
    );
    const replaced = electronic.act(
      {
        type: 'supplement',
        binding: BINDING,
        materials: [{ code: 'licence', files: files(file('licence', 'l2', { version: 2 })) }],
      },
      T0,
      CLERK,
    );
    expect(replaced.case.materials[1]?.files?.[0]?.id).toBe('l2');
  });

  it('drops the form and files of a material a later notice asks for again', () => {
    const story = waiting()
      .act(
        {
          type: 'supplement',
          binding: BINDING,
          materials: [{ code: 'form', files: files(file('form', 'f1')) }],
        },
        T0,
        CLERK,
      )
      .act({ type: 'notify-correction', materials: ['form', 'licence'] }, T0, CLERK);
    const form = story.case.materials[0];
    expect(form?.provided).toBe(false);
    expect(form?.form).toBeUndefined();
    expect(form?.files).toBeUndefined();
  });
});

describe('the chain covers the digests', () => {
  it('changes the event’s hash with any file digest', () => {
    const story = waiting().act(
      {
        type: 'supplement',
        binding: BINDING,
        materials: [{ code: 'form', files: files(file('form', 'f1')) }],
      },
      T0,
      CLERK,
    );
    const event = story.events.find((e) => e.type === 'supplemented') as CaseEvent & { type: 'supplemented' };
    const [f] = event.files ?? [];
    if (!f) throw new Error('no file recorded');
    const swapped = { ...event, files: [{ ...f, sha256: '0'.repeat(64) }] };
    expect(chainHash(GENESIS_HASH, swapped)).not.toBe(chainHash(GENESIS_HASH, event));
  });
});

/** An object store in memory: enough for the integrity check (head, read). */
function memoryObjects(objects: Map<string, Uint8Array>): ObjectStore {
  const missing = () => Promise.reject(new Error('not used here'));
  return {
    presignUpload: missing,
    presignDownload: missing,
    head: async (key) => {
      const b = objects.get(key);
      return b ? { key, size: b.length, lastModified: T0 } : undefined;
    },
    list: missing,
    read: async (key) => {
      const b = objects.get(key);
      if (!b) throw new Error(`no object ${key}`);
      // Two chunks: the digests are taken as the bytes stream by.
      return (async function* () {
        yield b.subarray(0, 3);
        yield b.subarray(3);
      })();
    },
    put: missing,
    copy: missing,
    delete: missing,
    tags: missing,
  };
}

describe('the integrity re-check of the files', () => {
  const v1 = file('form', 'f1');
  const v2 = file('form', 'f2', { version: 2 }, 'form, signed this time');
  const licence = file('licence', 'l1');
  const story = waiting()
    .act({ type: 'supplement', binding: BINDING, materials: [{ code: 'form', files: files(v1) }] }, T0, CLERK)
    .act(
      {
        type: 'supplement',
        binding: BINDING,
        materials: [
          { code: 'form', files: files(v2) },
          { code: 'licence', files: files(licence) },
        ],
      },
      T0,
      CLERK,
    );
  const events = story.events.map((e, i) => ({
    ...e,
    seq: i + 1,
    prevHash: '',
    hash: '',
  })) as StoredCaseEvent[];
  const records = [v1, v2, licence];
  const store = {
    queryPrefix: async () => records.map((r) => ({ entity: 'material-file', ...r })),
  } as unknown as Store;
  const objectsOf = () => new Map(records.map((r) => [r.key, bytesOf(`${r.code}/${r.id}`)]));

  it('lists every version the chain recorded, the replaced one included', () => {
    expect(recordedFiles(events).map((f) => f.id)).toEqual(['f1', 'f2', 'l1']);
  });

  it('finds every object as recorded', async () => {
    const objects = objectsOf();
    objects.set(v2.key, bytesOf('form, signed this time'));
    const check = await new MaterialIntegrity(store, memoryObjects(objects)).check(TENANT, CASE_NO, events);
    expect(check).toEqual({ intact: true, checked: 3, mismatches: [] });
  });

  it('names a swapped object: which material, which file, the digests expected and found', async () => {
    const objects = objectsOf();
    objects.set(v2.key, bytesOf('form, signed this time'));
    const forged = bytesOf('a different licence');
    objects.set(licence.key, forged);
    objects.delete(v1.key);
    const check = await new MaterialIntegrity(store, memoryObjects(objects)).check(TENANT, CASE_NO, events);
    expect(check.intact).toBe(false);
    expect(check.mismatches).toEqual([
      expect.objectContaining({ code: 'form', id: 'f1', version: 1, reason: 'object-missing' }),
      {
        code: 'licence',
        id: 'l1',
        version: 1,
        name: 'licence.pdf',
        reason: 'object-changed',
        expected: { sha256: licence.sha256, sm3: licence.sm3, size: licence.size },
        found: { sha256: hex('sha256', forged), sm3: hex('sm3', forged), size: forged.length },
      },
    ]);
  });
});
