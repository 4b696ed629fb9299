import type { materialsZh } from './materials-zh';

export const materialsEn: typeof materialsZh = {
  files: 'Files',
  scan: {
    'not-scanned': 'Not scanned (local)',
    pending: 'Scan pending',
    clean: 'Clean',
    infected: 'Quarantined',
  },
  channel: { window: 'At the window', online: 'Online', reuse: 'Reused' },
  verified: 'Verified copy',
  verify: 'Verify against the original',
  pick: (name: string) => `Choose a file: ${name}`,
  upload: 'Upload',
  types: 'PDF, JPEG, PNG or OFD files, up to 20 MB each.',
  send: (name: string) => `Choose “${name}” once more and upload it, then go back.`,
  unavailable: 'Cannot be read just now',
  done: { uploaded: 'File uploaded', verified: 'Marked as a verified copy', reused: 'Material reused' },
  reuse: 'Reusable materials',
  consent: 'No need to hand in: reused with the applicant’s consent',
  online: 'Online submission',
  byFiles: (n: number) => `provided by the ${n} uploaded file${n > 1 ? 's' : ''}`,
};
