import type { catalogueFormZh } from './catalogue-form-zh';

export const catalogueFormEn: typeof catalogueFormZh = {
  add: 'Add a matter',
  edit: 'Edit',
  editTitle: (name) => `Edit the matter: ${name}`,
  code: 'Matter code',
  codeHint: 'Lower-case letters, digits and hyphens, or 12 digits; fixed once saved',
  name: 'Name',
  type: 'Type',
  legalBasis: 'Legal basis',
  statutoryDays: 'Statutory limit (working days)',
  promisedDays: 'Promised limit (working days)',
  onTheSpot: 'On the spot (decided at the window)',
  department: 'Department code (optional)',
  basicCode: 'Basic code (12 digits, optional)',
  jointHandling: 'Handled jointly or centrally (统一/联合/集中办理)',
  jointHandlingNone: 'No (one body handles it)',
  jointHandlingHint:
    "Art. 42(2): at most 45 statutory working days; the government's head may extend it once by up to 15.",
  jointHandlingNames: {
    unified: 'Unified (统一办理)',
    joint: 'Joint (联合办理)',
    centralised: 'Centralised (集中办理)',
  },
  items: 'Handling items (one a line: code name)',
  itemsHint: 'e.g. 01 First application',
  materials: 'Materials (one a line: code name; a core one ends with *)',
  materialsHint: 'e.g. m01 Copy of the ID card *',
  fees: 'Fees (one a line: code name amount; optional)',
  save: 'Save the matter',
  saved: 'The matter is saved.',
  beside: 'Add or change one matter at a time, beside the spreadsheet import.',
};
