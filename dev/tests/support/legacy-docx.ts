// A legacy English/French job description pair written as Word files with `docx` (the DOCX
// writer), the way departments' old files look: a title, `Key: value` identification lines, the
// TBS sections under numbered headings (one without a Heading style, one with a trailing colon),
// bulleted key activities.
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

export interface LegacySection {
  heading: string;
  /** Formatted with a Heading style (else a bold normal paragraph, as many old files have). */
  styled?: boolean;
  paragraphs: string[];
  bullets?: string[];
}

export interface LegacyDocument {
  title: string;
  fields: [string, string][];
  sections: LegacySection[];
}

export const LEGACY_EN: LegacyDocument = {
  title: 'Program Officer',
  fields: [
    ['Classification', 'PM-04'],
    ['NOC', '41409'],
    ['Language profile', 'CBC/CBC'],
    ['Position number', '54321'],
  ],
  sections: [
    { heading: '1. Client Service Results', paragraphs: ['Delivers grants and contributions to community organizations across the region.'] },
    {
      heading: '2. Key Activities:',
      paragraphs: [],
      bullets: ['Reviews funding applications and recommends approval to the manager.', 'Monitors 25 contribution agreements a year.', 'Advises applicants on eligibility.'],
    },
    { heading: 'SKILL', styled: false, paragraphs: ['Knowledge of the Financial Administration Act is required to assess applications.'] },
    { heading: 'Effort', paragraphs: ['Sustained concentration is needed to review detailed financial files.'] },
    { heading: 'Responsibility', paragraphs: ['Is accountable for recommendations on grants of up to $100,000.'] },
    { heading: 'Working Conditions', paragraphs: ['Works in an open office and travels to rural communities twice a month.'] },
  ],
};

export const LEGACY_FR: LegacyDocument = {
  title: 'Agente ou agent de programme',
  fields: [
    ['Classification', 'PM-04'],
    ['CNP', '41409'],
    ['Profil linguistique', 'CBC/CBC'],
    ['Numéro de poste', '54321'],
  ],
  sections: [
    { heading: '1. Résultats axés sur le service à la clientèle', paragraphs: ['Offre des subventions et des contributions aux organismes communautaires de la région.'] },
    {
      heading: '2. Activités principales :',
      paragraphs: [],
      bullets: [
        'Examine les demandes de financement et recommande leur approbation au gestionnaire.',
        'Surveille 25 accords de contribution par année.',
        'Conseille les demandeurs sur l’admissibilité.',
      ],
    },
    { heading: 'COMPÉTENCES', styled: false, paragraphs: ['La connaissance de la Loi sur la gestion des finances publiques est nécessaire pour évaluer les demandes.'] },
    { heading: 'Effort', paragraphs: ['Une concentration soutenue est nécessaire pour examiner des dossiers financiers détaillés.'] },
    { heading: 'Responsabilité', paragraphs: ['Est responsable des recommandations sur des subventions d’au plus 100 000 $.'] },
    { heading: 'Conditions de travail', paragraphs: ['Travaille dans un bureau à aire ouverte et se rend dans les collectivités rurales deux fois par mois.'] },
  ],
};

/** The document as DOCX bytes. */
export async function legacyDocx(doc: LegacyDocument): Promise<Uint8Array<ArrayBuffer>> {
  const children: Paragraph[] = [new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE })];
  for (const [key, value] of doc.fields) children.push(new Paragraph({ children: [new TextRun({ text: `${key}: `, bold: true }), new TextRun(value)] }));
  for (const section of doc.sections) {
    children.push(
      section.styled === false
        ? new Paragraph({ children: [new TextRun({ text: section.heading, bold: true })] })
        : new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }),
    );
    for (const text of section.paragraphs) children.push(new Paragraph(text));
    for (const text of section.bullets ?? []) children.push(new Paragraph({ text, bullet: { level: 0 } }));
  }
  const buffer = await Packer.toBuffer(new Document({ sections: [{ children }] }));
  return new Uint8Array(buffer);
}
