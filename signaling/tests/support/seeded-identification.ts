// supabase/seed.sql's two job descriptions as meta keys: their rows' identification columns and
// their organizations' names, what the server seeds into a new document's `meta`.
export const ESDC_IDENTIFICATION = {
  title_en: 'Program Officer, Grants and Contributions',
  title_fr: 'Agent de programme, subventions et contributions',
  classification: 'PM-04',
  position_number: '00123456',
  noc_code: '41403',
  language_profile: 'CBC',
  department: 'Employment and Social Development Canada (demo)',
  department_fr: 'Emploi et Développement social Canada (démo)',
};

export const TC_IDENTIFICATION = {
  title_en: 'Civil Aviation Safety Inspector',
  title_fr: "Inspecteur de la sécurité de l'aviation civile",
  classification: 'AO-CAI-02',
  position_number: '50012345',
  noc_code: '22231',
  language_profile: 'BBB',
  department: 'Transport Canada (demo)',
  department_fr: 'Transports Canada (démo)',
};
