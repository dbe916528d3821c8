// The score table (issue #13, acceptance criterion 1): query/segment pairs with the score worked
// out by hand from the rule (normalised words; 100 - ceil(100 · word edit distance / longer word
// count); 99 when the same words come from texts that differ once spaces are trimmed and
// collapsed; 0 without words). `why` shows the working. domain/tm/score-table.test.ts checks the
// TypeScript scorer against it, scripts/tm-score-parity.test.ts the database's private.fuzzy_score.

export interface ScoreCase {
  topic: string;
  query: string;
  candidate: string;
  score: number;
  why: string;
}

const FORTY_WORDS =
  'The incumbent plans, organizes and directs a team of twelve officers who deliver client services, process applications, ' +
  'review eligibility decisions, answer enquiries from the public and partners, and prepare reports on workload, service ' +
  'standards and program results for regional management.';

const WORDS_200 = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
const WORDS_100 = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');

export const SCORE_TABLE: readonly ScoreCase[] = [
  // Identical
  { topic: 'identical', query: 'Prepares briefing notes for senior management.', candidate: 'Prepares briefing notes for senior management.', score: 100, why: 'same text' },
  { topic: 'identical', query: "Prépare des notes d'information.", candidate: "Prépare des notes d'information.", score: 100, why: 'same text' },
  { topic: 'identical', query: 'Prepares  briefing notes.', candidate: 'Prepares briefing notes.', score: 100, why: 'spaces collapse before the raw texts are compared' },
  { topic: 'identical', query: '  Prepares briefing notes.  ', candidate: 'Prepares briefing notes.', score: 100, why: 'outer spaces are trimmed' },
  { topic: 'identical', query: 'Prepares\tbriefing notes.', candidate: 'Prepares briefing notes.', score: 100, why: 'a tab is whitespace' },
  { topic: 'identical', query: 'Prepares reports.\nSupervises staff.', candidate: 'Prepares reports. Supervises staff.', score: 100, why: 'a line break is whitespace' },
  // Case only
  { topic: 'case', query: 'prepares briefing notes for senior management.', candidate: 'Prepares briefing notes for senior management.', score: 99, why: 'same words, raw texts differ by case' },
  { topic: 'case', query: 'PREPARES briefing notes and presentations for senior management', candidate: 'Prepares briefing notes and presentations for senior management.', score: 99, why: 'case and a full stop' },
  { topic: 'case', query: 'ÉQUIPE RÉGIONALE', candidate: 'équipe régionale', score: 99, why: 'accented capitals lower-case to the same words' },
  { topic: 'case', query: 'Yes', candidate: 'yes', score: 99, why: 'one word, case only' },
  { topic: 'case', query: 'İstanbul office', candidate: 'istanbul office', score: 99, why: "Postgres lower-cases İ to a plain i" },
  { topic: 'case', query: 'The position is classified as-04.', candidate: 'The position is classified AS-04.', score: 99, why: 'a code in another case' },
  // Punctuation and spacing only
  { topic: 'punctuation', query: 'Prepares briefing notes for senior management', candidate: 'Prepares briefing notes for senior management.', score: 99, why: 'full stop only' },
  { topic: 'punctuation', query: 'Le salaire est de 50\u00a0000 $.', candidate: 'Le salaire est de 50 000 $.', score: 99, why: 'a no-break space is a space once normalised, but not whitespace for the raw comparison' },
  { topic: 'punctuation', query: 'L’équipe gère les dossiers.', candidate: "L'équipe gère les dossiers.", score: 99, why: 'typographic apostrophe' },
  { topic: 'punctuation', query: 'Qu’il s’agisse de dotation.', candidate: "Qu'il s'agisse de dotation.", score: 99, why: 'two typographic apostrophes' },
  { topic: 'punctuation', query: 'Manages a budget of 1,000,000 dollars.', candidate: 'Manages a budget of 1 000 000 dollars.', score: 99, why: 'thousands separators: 1 000 000 either way' },
  { topic: 'punctuation', query: 'Works 37.5 hours a week.', candidate: 'Works 37,5 hours a week.', score: 99, why: 'decimal point or comma: 37 5 either way' },
  { topic: 'punctuation', query: 'Le « titulaire » gère.', candidate: 'Le titulaire gère.', score: 99, why: 'guillemets dropped' },
  { topic: 'punctuation', query: 'Gère, planifie…', candidate: 'Gère, planifie...', score: 99, why: 'ellipsis character or three dots' },
  { topic: 'punctuation', query: 'Supervises and/or coordinates staff.', candidate: 'Supervises and or coordinates staff.', score: 99, why: 'a slash is a space' },
  { topic: 'punctuation', query: 'Travel 25% of the time.', candidate: 'Travel 25 % of the time.', score: 99, why: 'percent sign dropped' },
  { topic: 'punctuation', query: 'Salary: $50,000.', candidate: 'Salary: 50 000 $.', score: 99, why: 'salary 50 000 both' },
  { topic: 'punctuation', query: 'Gère l\u2019équipe.', candidate: 'Ge\u0300re l\u2019e\u0301quipe.', score: 99, why: 'composed and decomposed accents: NFC makes the words equal, the raw texts differ' },
  // Hyphens and dashes
  { topic: 'hyphens', query: 'Planning — and reporting', candidate: 'Planning - and reporting', score: 99, why: 'a dash between spaces is dropped' },
  { topic: 'hyphens', query: '- Prepares reports.', candidate: 'Prepares reports.', score: 99, why: 'a leading hyphen (list bullet) is dropped' },
  { topic: 'hyphens', query: 'Prepares reports -- weekly.', candidate: 'Prepares reports, weekly.', score: 99, why: 'a double hyphen is dropped' },
  { topic: 'hyphens', query: 'pre- and post-tests', candidate: 'pre and post-tests', score: 99, why: 'a hyphen at the end of a word is dropped, inside one kept' },
  { topic: 'hyphens', query: '--- -x', candidate: 'x', score: 0, why: 'leftmost-longest: "--- " goes, "-x" stays one word: -x vs x, 1 of 1' },
  { topic: 'hyphens', query: 'Fiscal year 2023–2024', candidate: 'Fiscal year 2023-2024', score: 99, why: 'an en dash inside a word is a hyphen' },
  { topic: 'hyphens', query: 'Fiscal year 2023—2024', candidate: 'Fiscal year 2023 2024', score: 50, why: '2023-2024 is one word: fiscal year 2023-2024 vs fiscal year 2023 2024, substitute + insert = 2 of 4' },
  { topic: 'hyphens', query: 'Relève du sous-ministre adjoint.', candidate: 'Relève du sous ministre adjoint.', score: 60, why: '4 vs 5 words, substitute + insert = 2 of 5 -> 60' },
  // One word changed, added, removed
  { topic: 'one word', query: 'Provides advice and guidance to managers on staffing matters.', candidate: 'Provides advice and guidance to managers on procurement matters.', score: 88, why: '1 of 9 -> ceil(11.1) = 12' },
  { topic: 'one word', query: 'Provides advice and guidance to managers on procurement.', candidate: 'Provides advice and guidance to managers on procurement matters.', score: 88, why: 'one added: 1 of 9 -> ceil(11.1) = 12' },
  { topic: 'one word', query: 'Provides advice and guidance to managers on procurement matters.', candidate: 'Provides advice and guidance to managers on procurement.', score: 88, why: 'one removed: 1 of 9' },
  { topic: 'one word', query: 'Leads regional team.', candidate: 'Leads national team.', score: 66, why: '1 of 3 -> ceil(33.3) = 34' },
  { topic: 'one word', query: 'Manager', candidate: 'Senior manager', score: 50, why: '1 of 2' },
  { topic: 'one word', query: 'Yes', candidate: 'No', score: 0, why: '1 of 1' },
  { topic: 'one word', query: 'Leads the team and plans the work.', candidate: 'Leads the team and plans all work.', score: 85, why: '1 of 7 -> ceil(14.3) = 15' },
  { topic: 'one word', query: 'Leads the team and plans the annual work.', candidate: 'Leads the team and plans the yearly work.', score: 87, why: '1 of 8 -> ceil(12.5) = 13' },
  { topic: 'one word', query: 'very very important', candidate: 'very important', score: 66, why: 'a repeated word removed: 1 of 3' },
  { topic: 'one word', query: 'the the the', candidate: 'the', score: 33, why: '2 of 3 -> ceil(66.7) = 67' },
  // Reordered
  { topic: 'reordered', query: 'Leads the regional team.', candidate: 'Leads the team regional.', score: 50, why: 'two words swapped: 2 of 4' },
  { topic: 'reordered', query: 'Manages budgets and supervises staff.', candidate: 'Supervises staff and manages budgets.', score: 20, why: 'clauses swapped: only "and" aligns, 4 of 5' },
  { topic: 'reordered', query: 'Approved by {0} on {1}.', candidate: 'Approved by {1} on {0}.', score: 60, why: 'approved by 0 on 1: 2 of 5' },
  // Numbers
  { topic: 'numbers', query: 'Manages a budget of $2 million.', candidate: 'Manages a budget of $3 million.', score: 83, why: 'manages a budget of 2 million: 1 of 6 -> ceil(16.7) = 17' },
  { topic: 'numbers', query: 'Supervises 5 employees.', candidate: 'Supervises five employees.', score: 66, why: '1 of 3' },
  { topic: 'numbers', query: '2024', candidate: '2025', score: 0, why: '1 of 1' },
  // Classification codes
  { topic: 'codes', query: 'The position is classified AS-04.', candidate: 'The position is classified AS-05.', score: 80, why: 'as-04 vs as-05: 1 of 5' },
  { topic: 'codes', query: 'Reports to the EX-01 director.', candidate: 'Reports to the EX 01 director.', score: 66, why: 'reports to the ex-01 director vs ... ex 01 ...: substitute + insert = 2 of 6 -> ceil(33.3) = 34' },
  // Accents
  { topic: 'accents', query: "Gère l'équipe régionale.", candidate: "Gère l'équipe regionale.", score: 75, why: "gère l' équipe régionale: one accent missing, 1 of 4" },
  { topic: 'accents', query: "Gère l'équipe régionale.", candidate: "Gere l'equipe regionale.", score: 25, why: 'three accents missing: 3 of 4' },
  { topic: 'accents', query: 'mettre en œuvre', candidate: 'mettre en oeuvre', score: 66, why: 'the ligature is a letter of its own: 1 of 3' },
  // French elision and apostrophes
  { topic: 'elision', query: "L'agent traite les demandes.", candidate: 'Le agent traite les demandes.', score: 80, why: "l' agent traite les demandes: 1 of 5" },
  { topic: 'elision', query: "Chef d'équipe régional", candidate: "Chef de l'équipe régional", score: 60, why: "chef d' équipe régional vs chef de l' équipe régional: 2 of 5" },
  { topic: 'elision', query: "L'agente de programme", candidate: "L'agent de programme", score: 75, why: "l' agente de programme: 1 of 4" },
  { topic: 'elision', query: 'Gère les dossiers.', candidate: 'Gère le dossier.', score: 33, why: 'plural: 2 of 3 -> ceil(66.7) = 67' },
  { topic: 'apostrophes', query: "The manager's team.", candidate: 'The managers team.', score: 50, why: "the manager' s team vs the managers team: 2 of 4" },
  { topic: 'apostrophes', query: "Staff don't travel.", candidate: 'Staff do not travel.', score: 50, why: "staff don' t travel vs staff do not travel: 2 of 4" },
  { topic: 'apostrophes', query: 'Research & Development', candidate: 'Research and Development', score: 66, why: 'the ampersand is dropped: 1 of 3' },
  // Inline tags
  { topic: 'tags', query: 'Click <b>Save</b> to continue.', candidate: 'Click Save to continue.', score: 66, why: 'click b save b to continue: 2 of 6 -> ceil(33.3) = 34' },
  // Empty-ish
  { topic: 'empty', query: '', candidate: '', score: 0, why: 'no words on either side' },
  { topic: 'empty', query: '...', candidate: '!!!', score: 0, why: 'punctuation only: no words' },
  { topic: 'empty', query: '—', candidate: '-', score: 0, why: 'a lone dash is no word' },
  { topic: 'empty', query: '   ', candidate: 'Prepares reports.', score: 0, why: '2 of 2' },
  { topic: 'empty', query: 'Under the direction of the manager, prepares reports.', candidate: 'Prepares reports.', score: 25, why: '6 of 8' },
  { topic: 'empty', query: 'Prepares reports.', candidate: 'Gère le budget.', score: 0, why: 'nothing shared: 3 of 3' },
  // Long sentences
  { topic: 'long', query: 'The incumbent provides strategic advice and recommendations to senior management on human resources policies, programs and initiatives across the department.', candidate: 'The incumbent provides strategic advice and recommendations to senior management on human resources policies, programs and initiatives across the branch.', score: 95, why: '1 of 20' },
  { topic: 'long', query: 'The incumbent provides strategic advice and recommendations to senior management on human resources policies, programs and initiatives across the department.', candidate: 'The incumbent provides expert advice and recommendations to senior management on human resources policies, programs and initiatives across the branch.', score: 90, why: '2 of 20' },
  { topic: 'long', query: 'The incumbent provides strategic advice and recommendations to senior management on human resources policies, programs and initiatives across the department.', candidate: 'The incumbent provides strategic advice and recommendations to senior management on human resources policies, programs and initiatives across the whole department.', score: 95, why: '1 of 21 -> ceil(4.8) = 5' },
  { topic: 'long', query: 'The incumbent provides strategic advice and recommendations to senior management on human resources policies, programs and initiatives across the department.', candidate: 'The incumbent gives expert advice and recommendations to senior management on human resources policies, programs and projects across the department.', score: 85, why: '3 of 20' },
  { topic: 'long', query: FORTY_WORDS, candidate: FORTY_WORDS.replace('twelve', 'fifteen'), score: 97, why: '1 of 40 -> ceil(2.5) = 3' },
  { topic: 'long', query: FORTY_WORDS, candidate: FORTY_WORDS.replace('prepare reports', 'prepare monthly reports'), score: 97, why: '1 of 41 -> ceil(2.4) = 3' },
  { topic: 'long', query: WORDS_200, candidate: WORDS_200.replace('w199', 'x199'), score: 99, why: '1 of 200 -> ceil(0.5) = 1: one changed word in 200 scores like a case change' },
  { topic: 'long', query: WORDS_200, candidate: WORDS_100, score: 50, why: '100 of 200' },
];
