// The seeded demo accounts (supabase/seed.sql) the sign-in page offers. Local stack only.
export const DEMO_PASSWORD = 'demo-password-1';

export interface DemoAccount {
  email: string;
  name: string;
  role: 'viewer' | 'editor' | 'translator' | 'reviewer' | 'admin';
  department: { en: string; fr: string };
}

const ESDC = { en: 'Employment and Social Development Canada (demo)', fr: 'Emploi et Développement social Canada (démo)' };
const TC = { en: 'Transport Canada (demo)', fr: 'Transports Canada (démo)' };

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'editor@esdc.example', name: 'Eddie Editor', role: 'editor', department: ESDC },
  { email: 'translator@esdc.example', name: 'Thérèse Traductrice', role: 'translator', department: ESDC },
  { email: 'reviewer@esdc.example', name: 'Rachel Reviewer', role: 'reviewer', department: ESDC },
  { email: 'viewer@esdc.example', name: 'Valérie Viewer', role: 'viewer', department: ESDC },
  { email: 'admin@esdc.example', name: 'Alain Admin', role: 'admin', department: ESDC },
  { email: 'editor@tc.example', name: 'Taylor Editor', role: 'editor', department: TC },
];
