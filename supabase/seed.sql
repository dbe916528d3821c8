-- Demo data for the LOCAL stack only (`npm start`, `supabase db reset`); never run it against a
-- hosted project with real users. Every demo account's password is `demo-password-1`.
--
-- Fixed ids, so tests and demos can name them:
--   organizations  ESDC e5dc0000-0000-4000-a000-000000000001, TC 7c000000-0000-4000-a000-000000000002
--   users          viewer@esdc.example     e5dc0000-0000-4000-a000-000000000101
--                  editor@esdc.example     e5dc0000-0000-4000-a000-000000000102
--                  translator@esdc.example e5dc0000-0000-4000-a000-000000000103
--                  reviewer@esdc.example   e5dc0000-0000-4000-a000-000000000104
--                  admin@esdc.example      e5dc0000-0000-4000-a000-000000000105
--                  editor@tc.example       7c000000-0000-4000-a000-000000000102
--   documents      ESDC program officer    e5dc0000-0000-4000-a000-00000000d001
--                  TC aviation inspector   7c000000-0000-4000-a000-00000000d001
--
-- The password hash is bcrypt (cost 10) of `demo-password-1`, computed once with bcryptjs and
-- written literally: pgcrypto is not part of what the local stack loads.

-- Users ------------------------------------------------------------------------------------------

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        confirmation_token, recovery_token, email_change_token_new, email_change,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_sso_user, is_anonymous)
select '00000000-0000-0000-0000-000000000000', u.id::uuid, 'authenticated', 'authenticated', u.email,
       '$2b$10$eyl31hGXQfCAYh50xHWAr.ndLfoZoGHUXXjLQ1cqC0bcDud430QIW', now(),
       '', '', '', '',
       '{"provider": "email", "providers": ["email"]}'::jsonb,
       jsonb_build_object('display_name', u.display_name, 'preferred_language', u.lang),
       now(), now(), false, false
  from (values
    ('e5dc0000-0000-4000-a000-000000000101', 'viewer@esdc.example', 'Valérie Viewer', 'fr'),
    ('e5dc0000-0000-4000-a000-000000000102', 'editor@esdc.example', 'Eddie Editor', 'en'),
    ('e5dc0000-0000-4000-a000-000000000103', 'translator@esdc.example', 'Thérèse Traductrice', 'fr'),
    ('e5dc0000-0000-4000-a000-000000000104', 'reviewer@esdc.example', 'Rachel Reviewer', 'en'),
    ('e5dc0000-0000-4000-a000-000000000105', 'admin@esdc.example', 'Alain Admin', 'fr'),
    ('7c000000-0000-4000-a000-000000000102', 'editor@tc.example', 'Taylor Editor', 'en')
  ) as u (id, email, display_name, lang);

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id::text, u.id,
       jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true, 'phone_verified', false),
       'email', now(), now(), now()
  from auth.users u
 where u.email in ('viewer@esdc.example', 'editor@esdc.example', 'translator@esdc.example',
                   'reviewer@esdc.example', 'admin@esdc.example', 'editor@tc.example');

-- Organizations and memberships (profiles come from the auth.users trigger) ----------------------

insert into public.organizations (id, slug, name_en, name_fr) values
  ('e5dc0000-0000-4000-a000-000000000001', 'esdc-demo',
   'Employment and Social Development Canada (demo)', 'Emploi et Développement social Canada (démo)'),
  ('7c000000-0000-4000-a000-000000000002', 'tc-demo',
   'Transport Canada (demo)', 'Transports Canada (démo)');

insert into public.memberships (organization_id, user_id, role, created_by) values
  ('e5dc0000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-000000000101', 'viewer', 'e5dc0000-0000-4000-a000-000000000105'),
  ('e5dc0000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-000000000102', 'editor', 'e5dc0000-0000-4000-a000-000000000105'),
  ('e5dc0000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-000000000103', 'translator', 'e5dc0000-0000-4000-a000-000000000105'),
  ('e5dc0000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-000000000104', 'reviewer', 'e5dc0000-0000-4000-a000-000000000105'),
  ('e5dc0000-0000-4000-a000-000000000001', 'e5dc0000-0000-4000-a000-000000000105', 'admin', null),
  ('7c000000-0000-4000-a000-000000000002', '7c000000-0000-4000-a000-000000000102', 'editor', null);

-- Job descriptions -------------------------------------------------------------------------------

insert into public.job_descriptions (id, organization_id, title_en, title_fr, classification, position_number,
                                     noc_code, language_profile, status, created_by) values
  ('e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-000000000001',
   'Program Officer, Grants and Contributions', 'Agent de programme, subventions et contributions',
   'PM-04', '00123456', '41403', 'CBC', 'draft', 'e5dc0000-0000-4000-a000-000000000102'),
  ('7c000000-0000-4000-a000-00000000d001', '7c000000-0000-4000-a000-000000000002',
   'Civil Aviation Safety Inspector', 'Inspecteur de la sécurité de l''aviation civile',
   'AO-CAI-02', '50012345', '22231', 'BBB', 'draft', '7c000000-0000-4000-a000-000000000102');

-- Sections: the TBS structure in both languages, same section ids and order. Lines of a body are
-- its paragraphs or list items; line k of the English body translates line k of the French one.
insert into public.document_sections (document_id, lang, section_id, kind, position, heading, body)
select s.document_id::uuid, l.lang, s.section_id, s.kind, s.position,
       case l.lang when 'en' then s.heading_en else s.heading_fr end,
       case l.lang when 'en' then s.body_en else s.body_fr end
  from (values
  -- ESDC: Program Officer, Grants and Contributions (PM-04)
  ('e5dc0000-0000-4000-a000-00000000d001', 'client-service-results', 'client_service_results', 0,
   'Client Service Results', 'Résultats axés sur le service à la clientèle',
   'Delivers grants and contributions programs that support skills development and employment for Canadians, by assessing funding proposals, negotiating and monitoring contribution agreements, and providing advice and guidance to applicants, recipients and management.',
   'Exécute des programmes de subventions et de contributions qui favorisent le développement des compétences et l''emploi des Canadiens, en évaluant les propositions de financement, en négociant et en surveillant les accords de contribution, et en fournissant des conseils et une orientation aux demandeurs, aux bénéficiaires et à la direction.'),
  ('e5dc0000-0000-4000-a000-00000000d001', 'key-activities', 'key_activities', 1,
   'Key Activities', 'Activités principales',
   E'Assesses funding proposals against program terms and conditions, eligibility criteria and departmental priorities, and recommends their approval or rejection.\n'
   'Negotiates contribution agreements with recipient organizations, including activities, budgets, deliverables and reporting requirements.\n'
   'Monitors the progress of funded projects, reviews activity and financial reports, and conducts site visits to verify compliance.\n'
   'Provides advice and guidance to applicants, recipients and stakeholders on program objectives, eligibility and reporting obligations.\n'
   'Identifies risks and issues in funded projects and recommends corrective measures to management.\n'
   'Prepares briefing notes, correspondence and reports for senior management.\n'
   'Maintains accurate records in the grants and contributions information management system.',
   E'Évalue les propositions de financement en fonction des modalités du programme, des critères d''admissibilité et des priorités ministérielles, et recommande leur approbation ou leur rejet.\n'
   'Négocie des accords de contribution avec les organismes bénéficiaires, y compris les activités, les budgets, les produits livrables et les exigences en matière de rapports.\n'
   'Surveille l''avancement des projets financés, examine les rapports d''activités et les rapports financiers, et effectue des visites sur place pour vérifier la conformité.\n'
   'Fournit des conseils et une orientation aux demandeurs, aux bénéficiaires et aux intervenants sur les objectifs du programme, l''admissibilité et les obligations en matière de rapports.\n'
   'Cerne les risques et les problèmes liés aux projets financés et recommande des mesures correctives à la direction.\n'
   'Prépare des notes d''information, de la correspondance et des rapports à l''intention de la haute direction.\n'
   'Tient à jour des dossiers exacts dans le système de gestion de l''information sur les subventions et contributions.'),
  ('e5dc0000-0000-4000-a000-00000000d001', 'skill', 'skill', 2, 'Skill', 'Compétences',
   E'Knowledge of the Department''s grants and contributions programs, their terms and conditions, and the Policy on Transfer Payments.\n'
   'Knowledge of the labour market and of the skills development and employment issues affecting Canadians.\n'
   'Knowledge of financial analysis and risk assessment techniques to evaluate project budgets and recipient capacity.\n'
   'Analytical skills to assess proposals, identify risks and recommend funding decisions.\n'
   'Communication skills, in both official languages, to negotiate agreements and explain program requirements to recipients.\n'
   'Skill in using the departmental information management systems and office software.',
   E'Connaissance des programmes de subventions et de contributions du Ministère, de leurs modalités et de la Politique sur les paiements de transfert.\n'
   'Connaissance du marché du travail et des enjeux liés au développement des compétences et à l''emploi qui touchent les Canadiens.\n'
   'Connaissance des techniques d''analyse financière et d''évaluation des risques pour évaluer les budgets des projets et la capacité des bénéficiaires.\n'
   'Capacité d''analyse pour évaluer les propositions, cerner les risques et recommander des décisions de financement.\n'
   'Compétences en communication, dans les deux langues officielles, pour négocier des accords et expliquer les exigences du programme aux bénéficiaires.\n'
   'Habileté à utiliser les systèmes de gestion de l''information du Ministère et les logiciels de bureautique.'),
  ('e5dc0000-0000-4000-a000-00000000d001', 'effort', 'effort', 3, 'Effort', 'Effort',
   E'Intellectual effort is required to analyze complex proposals and financial information, often under tight deadlines.\n'
   'Sustained concentration is required to review detailed reports and agreements for accuracy and compliance.\n'
   'Physical effort is limited to sitting for extended periods at a computer and occasional travel for site visits.',
   E'Un effort intellectuel est requis pour analyser des propositions complexes et des renseignements financiers, souvent dans des délais serrés.\n'
   'Une concentration soutenue est requise pour examiner des rapports et des accords détaillés afin d''en vérifier l''exactitude et la conformité.\n'
   'L''effort physique se limite à la position assise prolongée devant un ordinateur et à des déplacements occasionnels pour des visites sur place.'),
  ('e5dc0000-0000-4000-a000-00000000d001', 'responsibility', 'responsibility', 4, 'Responsibility', 'Responsabilité',
   E'Responsible for recommending funding decisions that commit departmental funds, and for ensuring that contribution agreements comply with program terms and conditions.\n'
   'Responsible for the stewardship of public funds by monitoring the use of funding by recipients and recommending the recovery of overpayments.\n'
   'Provides guidance to junior program officers and program assistants on file management and program procedures.\n'
   'Maintains effective working relationships with recipients, community organizations and provincial partners.',
   E'Responsable de recommander des décisions de financement qui engagent des fonds ministériels et de veiller à ce que les accords de contribution respectent les modalités du programme.\n'
   'Responsable de la bonne gestion des fonds publics en surveillant l''utilisation du financement par les bénéficiaires et en recommandant le recouvrement des trop-payés.\n'
   'Fournit une orientation aux agents de programme subalternes et aux adjoints de programme sur la gestion des dossiers et les procédures du programme.\n'
   'Entretient des relations de travail efficaces avec les bénéficiaires, les organismes communautaires et les partenaires provinciaux.'),
  ('e5dc0000-0000-4000-a000-00000000d001', 'working-conditions', 'working_conditions', 5, 'Working Conditions', 'Conditions de travail',
   E'Work is performed in an open office environment with frequent interruptions and competing priorities.\n'
   'Occasional travel is required to visit recipient organizations, sometimes in remote communities.\n'
   'Exposure to stressful situations when dealing with dissatisfied applicants or tight funding deadlines.',
   E'Le travail s''effectue dans un environnement de bureau à aire ouverte où les interruptions sont fréquentes et les priorités, concurrentes.\n'
   'Des déplacements occasionnels sont requis pour visiter les organismes bénéficiaires, parfois dans des collectivités éloignées.\n'
   'Exposition à des situations stressantes lorsqu''il faut traiter avec des demandeurs insatisfaits ou respecter des échéances de financement serrées.'),
  -- TC: Civil Aviation Safety Inspector (AO-CAI-02)
  ('7c000000-0000-4000-a000-00000000d001', 'client-service-results', 'client_service_results', 0,
   'Client Service Results', 'Résultats axés sur le service à la clientèle',
   'Promotes and enforces aviation safety by inspecting and auditing air operators, aircraft and aviation personnel for compliance with the Aeronautics Act and the Canadian Aviation Regulations, for the benefit of the travelling public and the aviation industry.',
   'Favorise et fait respecter la sécurité aérienne en inspectant et en vérifiant les exploitants aériens, les aéronefs et le personnel de l''aviation afin d''assurer la conformité à la Loi sur l''aéronautique et au Règlement de l''aviation canadien, au profit du public voyageur et de l''industrie aéronautique.'),
  ('7c000000-0000-4000-a000-00000000d001', 'key-activities', 'key_activities', 1, 'Key Activities', 'Activités principales',
   E'Plans and conducts inspections, audits and process validations of air operators and approved maintenance organizations.\n'
   'Investigates reported occurrences and alleged contraventions of the Canadian Aviation Regulations and recommends enforcement action.\n'
   'Reviews and approves operations manuals, training programs and safety management system documentation submitted by industry.\n'
   'Conducts pilot proficiency checks and monitors flight operations from the flight deck.\n'
   'Provides technical advice and interpretations of aviation regulations and standards to industry and to the Department.\n'
   'Prepares inspection reports, findings and follow-ups on corrective actions.',
   E'Planifie et effectue des inspections, des vérifications et des validations de processus auprès des exploitants aériens et des organismes de maintenance agréés.\n'
   'Enquête sur les événements signalés et les contraventions présumées au Règlement de l''aviation canadien et recommande des mesures d''application de la loi.\n'
   'Examine et approuve les manuels d''exploitation, les programmes de formation et la documentation relative aux systèmes de gestion de la sécurité soumis par l''industrie.\n'
   'Effectue des contrôles de compétence des pilotes et surveille les opérations aériennes à partir du poste de pilotage.\n'
   'Fournit des conseils techniques et des interprétations des règlements et des normes de l''aviation à l''industrie et au Ministère.\n'
   'Rédige des rapports d''inspection, des constatations et des suivis des mesures correctives.'),
  ('7c000000-0000-4000-a000-00000000d001', 'skill', 'skill', 2, 'Skill', 'Compétences',
   E'Knowledge of the Aeronautics Act, the Canadian Aviation Regulations and associated standards.\n'
   'Knowledge of aircraft systems, flight operations and aviation maintenance practices.\n'
   'Knowledge of audit and inspection techniques and of safety management systems.\n'
   'Holds a valid commercial or airline transport pilot licence with the appropriate ratings.\n'
   'Communication skills to explain regulatory requirements and to write clear inspection reports.',
   E'Connaissance de la Loi sur l''aéronautique, du Règlement de l''aviation canadien et des normes connexes.\n'
   'Connaissance des systèmes d''aéronef, des opérations aériennes et des pratiques de maintenance aéronautique.\n'
   'Connaissance des techniques de vérification et d''inspection et des systèmes de gestion de la sécurité.\n'
   'Titulaire d''une licence valide de pilote professionnel ou de pilote de ligne assortie des qualifications appropriées.\n'
   'Compétences en communication pour expliquer les exigences réglementaires et rédiger des rapports d''inspection clairs.'),
  ('7c000000-0000-4000-a000-00000000d001', 'effort', 'effort', 3, 'Effort', 'Effort',
   E'Intellectual effort is required to assess complex operations and technical documentation against regulatory requirements.\n'
   'Physical effort is required to climb into aircraft, work in confined spaces and carry inspection equipment.\n'
   'Sustained attention is required during in-flight inspections and simulator sessions.',
   E'Un effort intellectuel est requis pour évaluer des opérations complexes et de la documentation technique par rapport aux exigences réglementaires.\n'
   'Un effort physique est requis pour monter à bord des aéronefs, travailler dans des espaces restreints et transporter de l''équipement d''inspection.\n'
   'Une attention soutenue est requise pendant les inspections en vol et les séances en simulateur.'),
  ('7c000000-0000-4000-a000-00000000d001', 'responsibility', 'responsibility', 4, 'Responsibility', 'Responsabilité',
   E'Responsible for making regulatory decisions that affect the certification and operation of air operators.\n'
   'Responsible for recommending enforcement action, including the suspension of certificates, when safety is at risk.\n'
   'Shares knowledge with junior inspectors and contributes to the development of national standards.',
   E'Responsable de prendre des décisions réglementaires qui ont une incidence sur la certification et l''exploitation des exploitants aériens.\n'
   'Responsable de recommander des mesures d''application de la loi, y compris la suspension de certificats, lorsque la sécurité est compromise.\n'
   'Transmet ses connaissances aux inspecteurs subalternes et contribue à l''élaboration de normes nationales.'),
  ('7c000000-0000-4000-a000-00000000d001', 'working-conditions', 'working_conditions', 5, 'Working Conditions', 'Conditions de travail',
   E'Work is performed in an office, on airport aprons, in hangars and on board aircraft.\n'
   'Frequent travel is required, sometimes on short notice, including to northern and remote locations.\n'
   'Exposure to noise, fumes, extreme weather and the hazards of an active airside environment.',
   E'Le travail s''effectue dans un bureau, sur les aires de trafic des aéroports, dans des hangars et à bord d''aéronefs.\n'
   'Des déplacements fréquents sont requis, parfois à court préavis, y compris vers des endroits nordiques et éloignés.\n'
   'Exposition au bruit, aux vapeurs, aux conditions météorologiques extrêmes et aux dangers d''un environnement côté piste actif.')
  ) as s (document_id, section_id, kind, position, heading_en, heading_fr, body_en, body_fr)
  cross join (values ('en'), ('fr')) as l (lang);

-- A comment thread on the ESDC draft.
insert into public.comments (id, document_id, lang, section_id, anchor_text, body, author_id, created_at) values
  ('e5dc0000-0000-4000-a000-00000000c001', 'e5dc0000-0000-4000-a000-00000000d001', 'fr', 'key-activities',
   'Cerne les risques',
   'Le Bureau de la traduction préfère « relève » ou « détermine » à « cerne » dans ce contexte. On uniformise?',
   'e5dc0000-0000-4000-a000-000000000103', now() - interval '2 days'),
  ('e5dc0000-0000-4000-a000-00000000c002', 'e5dc0000-0000-4000-a000-00000000d001', 'en', 'skill',
   'Policy on Transfer Payments',
   'Please confirm this is still the current policy title after the 2022 update.',
   'e5dc0000-0000-4000-a000-000000000104', now() - interval '1 day');
insert into public.comments (document_id, parent_id, lang, section_id, body, author_id, created_at) values
  ('e5dc0000-0000-4000-a000-00000000d001', 'e5dc0000-0000-4000-a000-00000000c001', 'fr', 'key-activities',
   'D''accord pour « détermine ». Je le change dans l''anglais aussi : « Identifies ».',
   'e5dc0000-0000-4000-a000-000000000102', now() - interval '1 day');

-- Translation memory -----------------------------------------------------------------------------

-- Each organization's document, sentence by sentence (line k of EN = line k of FR).
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance,
                                document_id, quality, usage_count, created_by)
select jd.organization_id, 'en', 'fr', pair.en, pair.fr, 'document', jd.id, 90, 0, jd.created_by
  from public.job_descriptions jd
  join public.document_sections en on en.document_id = jd.id and en.lang = 'en'
  join public.document_sections fr on fr.document_id = jd.id and fr.lang = 'fr' and fr.section_id = en.section_id
 cross join lateral unnest(string_to_array(en.body, E'\n'), string_to_array(fr.body, E'\n')) as pair (en, fr)
 where pair.en is not null and pair.fr is not null
on conflict do nothing;

-- Shared memory (every signed-in user reads it): common work-description sentences.
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, quality, usage_count)
select null, 'en', 'fr', t.en, t.fr, 'import', 95, t.uses
  from (values
  ('Provides advice and guidance to managers on staffing matters.', 'Fournit des conseils et une orientation aux gestionnaires sur les questions de dotation.', 12),
  ('Provides strategic advice to senior management on human resources issues.', 'Fournit des conseils stratégiques à la haute direction sur les questions de ressources humaines.', 8),
  ('Prepares briefing notes and presentations for senior management.', 'Prépare des notes d''information et des présentations à l''intention de la haute direction.', 15),
  ('Responds to inquiries from the public, employees and other government departments.', 'Répond aux demandes de renseignements du public, des employés et d''autres ministères.', 9),
  ('Analyzes data and prepares statistical reports.', 'Analyse des données et prépare des rapports statistiques.', 4),
  ('Represents the branch at interdepartmental meetings and working groups.', 'Représente la direction générale aux réunions et aux groupes de travail interministériels.', 6),
  ('Coordinates the preparation of the branch''s business plan and performance reports.', 'Coordonne la préparation du plan d''activités et des rapports sur le rendement de la direction générale.', 3),
  ('Develops and maintains effective working relationships with internal and external partners.', 'Établit et entretient des relations de travail efficaces avec les partenaires internes et externes.', 11),
  ('Supervises a team of employees, assigns work and evaluates performance.', 'Supervise une équipe d''employés, attribue le travail et évalue le rendement.', 7),
  ('Manages the financial and human resources allocated to the unit.', 'Gère les ressources financières et humaines attribuées à l''unité.', 5),
  ('Ensures that services are provided in both official languages.', 'Veille à ce que les services soient offerts dans les deux langues officielles.', 10),
  ('Reviews documents for accuracy, consistency and compliance with policies.', 'Examine les documents pour en vérifier l''exactitude, l''uniformité et la conformité aux politiques.', 6),
  ('Conducts research and analysis on program and policy issues.', 'Effectue des recherches et des analyses sur des questions de programmes et de politiques.', 5),
  ('Drafts correspondence for the signature of the Deputy Minister.', 'Rédige de la correspondance pour la signature du sous-ministre.', 4),
  ('Organizes meetings, prepares agendas and records minutes.', 'Organise des réunions, prépare les ordres du jour et rédige les procès-verbaux.', 8),
  ('Maintains the unit''s filing system in accordance with information management policies.', 'Tient à jour le système de classement de l''unité conformément aux politiques de gestion de l''information.', 3),
  ('Processes financial transactions and verifies invoices under section 34 of the Financial Administration Act.', 'Traite les opérations financières et vérifie les factures en vertu de l''article 34 de la Loi sur la gestion des finances publiques.', 5),
  ('Monitors expenditures and prepares monthly financial forecasts.', 'Surveille les dépenses et prépare des prévisions financières mensuelles.', 4),
  ('Provides administrative support to the director and the management team.', 'Fournit un soutien administratif au directeur et à l''équipe de direction.', 9),
  ('Develops training material and delivers information sessions to employees.', 'Élabore du matériel de formation et donne des séances d''information aux employés.', 3),
  ('Identifies opportunities to improve business processes and service delivery.', 'Cerne les possibilités d''améliorer les processus opérationnels et la prestation des services.', 4),
  ('Participates in the development of policies, guidelines and procedures.', 'Participe à l''élaboration de politiques, de lignes directrices et de procédures.', 6),
  ('Interprets legislation, regulations and policies for clients.', 'Interprète les lois, les règlements et les politiques à l''intention des clients.', 3),
  ('Evaluates the effectiveness of programs and recommends improvements.', 'Évalue l''efficacité des programmes et recommande des améliorations.', 4),
  ('Negotiates agreements with provinces, territories and Indigenous organizations.', 'Négocie des ententes avec les provinces, les territoires et les organisations autochtones.', 2),
  ('Consults stakeholders and summarizes their views for decision makers.', 'Consulte les intervenants et résume leurs points de vue à l''intention des décideurs.', 2),
  ('Leads projects and coordinates the work of multidisciplinary teams.', 'Dirige des projets et coordonne le travail d''équipes multidisciplinaires.', 5),
  ('Ensures the security of sensitive information and assets.', 'Assure la sécurité des renseignements et des biens de nature délicate.', 3),
  ('Applies the Privacy Act and the Access to Information Act when processing requests.', 'Applique la Loi sur la protection des renseignements personnels et la Loi sur l''accès à l''information lors du traitement des demandes.', 4),
  ('Provides functional direction to regional offices.', 'Fournit une orientation fonctionnelle aux bureaux régionaux.', 2),
  ('Knowledge of the Public Service Employment Act and the staffing framework.', 'Connaissance de la Loi sur l''emploi dans la fonction publique et du cadre de dotation.', 6),
  ('Knowledge of the Financial Administration Act and related Treasury Board policies.', 'Connaissance de la Loi sur la gestion des finances publiques et des politiques connexes du Conseil du Trésor.', 5),
  ('Knowledge of the Official Languages Act and of its application in the workplace.', 'Connaissance de la Loi sur les langues officielles et de son application en milieu de travail.', 4),
  ('Knowledge of the Department''s mandate, programs and organizational structure.', 'Connaissance du mandat, des programmes et de la structure organisationnelle du Ministère.', 7),
  ('Knowledge of project management principles and practices.', 'Connaissance des principes et des pratiques de gestion de projet.', 5),
  ('Knowledge of the Government of Canada''s policy and decision-making processes.', 'Connaissance des processus d''élaboration des politiques et de prise de décisions du gouvernement du Canada.', 3),
  ('Analytical skills are required to assess complex issues and recommend solutions.', 'Des compétences analytiques sont requises pour évaluer des questions complexes et recommander des solutions.', 4),
  ('Writing skills are required to prepare clear and concise documents.', 'Des compétences en rédaction sont requises pour préparer des documents clairs et concis.', 6),
  ('Interpersonal skills are required to work with a variety of clients and partners.', 'Des compétences interpersonnelles sont requises pour travailler avec divers clients et partenaires.', 5),
  ('Skill in using office software, databases and the Internet.', 'Habileté à utiliser des logiciels de bureautique, des bases de données et Internet.', 3),
  ('Judgment is required to set priorities and meet competing deadlines.', 'Du jugement est requis pour établir les priorités et respecter des échéances concurrentes.', 4),
  ('Tact and diplomacy are required when dealing with sensitive issues.', 'Du tact et de la diplomatie sont requis pour traiter des questions délicates.', 3),
  ('Intellectual effort is required to analyze information from many sources.', 'Un effort intellectuel est requis pour analyser de l''information provenant de nombreuses sources.', 3),
  ('Sustained attention is required to review large volumes of documents.', 'Une attention soutenue est requise pour examiner de grands volumes de documents.', 3),
  ('Physical effort is minimal and consists mainly of sitting at a workstation.', 'L''effort physique est minime et consiste principalement à demeurer assis à un poste de travail.', 5),
  ('Responsible for the accuracy and completeness of the information provided.', 'Responsable de l''exactitude et de l''intégralité des renseignements fournis.', 3),
  ('Responsible for the quality and timeliness of the advice provided to management.', 'Responsable de la qualité et de la rapidité des conseils fournis à la direction.', 3),
  ('Responsible for the supervision of up to five employees.', 'Responsable de la supervision d''au plus cinq employés.', 2),
  ('Work is performed in an office environment.', 'Le travail s''effectue dans un environnement de bureau.', 14),
  ('Occasional travel is required.', 'Des déplacements occasionnels sont requis.', 12),
  ('Overtime may be required to meet deadlines.', 'Des heures supplémentaires peuvent être requises pour respecter les échéances.', 6),
  ('Exposure to stressful situations resulting from tight deadlines and competing priorities.', 'Exposition à des situations stressantes découlant d''échéances serrées et de priorités concurrentes.', 5),
  ('Prolonged use of a computer may cause eye strain and muscle fatigue.', 'L''utilisation prolongée d''un ordinateur peut causer de la fatigue oculaire et musculaire.', 4),
  ('The incumbent must be able to obtain and maintain a Secret security clearance.', 'Le titulaire doit pouvoir obtenir et conserver une cote de sécurité de niveau Secret.', 3),
  ('This position requires a bilingual imperative language profile.', 'Ce poste exige un profil linguistique bilingue impératif.', 2),
  ('Employees may be required to work remotely in accordance with the Direction on prescribed presence in the workplace.', 'Les employés peuvent être appelés à travailler à distance conformément à l''Orientation sur la présence prescrite au lieu de travail.', 2),
  ('The position reports to the Manager, Program Operations.', 'Le poste relève du gestionnaire, Opérations des programmes.', 3),
  ('Provides coaching and mentoring to new employees.', 'Offre de l''encadrement et du mentorat aux nouveaux employés.', 3),
  ('Ensures compliance with occupational health and safety requirements.', 'Veille au respect des exigences en matière de santé et de sécurité au travail.', 4),
  ('Promotes a respectful, diverse and inclusive workplace.', 'Favorise un milieu de travail respectueux, diversifié et inclusif.', 6),
  ('Applies a gender-based analysis plus lens to program design.', 'Applique l''optique de l''analyse comparative entre les sexes plus à la conception des programmes.', 2),
  ('Reviews and approves the classification of positions.', 'Examine et approuve la classification des postes.', 3),
  ('Writes and updates work descriptions in consultation with managers.', 'Rédige et met à jour des descriptions de travail en consultation avec les gestionnaires.', 5),
  ('Conducts job evaluations using the applicable classification standard.', 'Effectue l''évaluation des emplois à l''aide de la norme de classification applicable.', 4),
  ('Provides advice on organizational design and position classification.', 'Fournit des conseils sur la conception organisationnelle et la classification des postes.', 3),
  ('Represents the employer at classification grievance hearings.', 'Représente l''employeur aux audiences relatives aux griefs de classification.', 2),
  ('Develops statements of merit criteria and assessment tools.', 'Élabore des énoncés des critères de mérite et des outils d''évaluation.', 4),
  ('Manages staffing processes from the request to the letter of offer.', 'Gère les processus de dotation, de la demande à la lettre d''offre.', 3),
  ('Advises managers on the duty to accommodate.', 'Conseille les gestionnaires sur l''obligation de prendre des mesures d''adaptation.', 2),
  ('Processes pay actions and resolves pay issues.', 'Traite les mesures de paye et règle les problèmes de paye.', 3)
  ) as t (en, fr, uses)
on conflict do nothing;

-- Template families in ESDC's memory: near-identical sentences, the bread and butter of fuzzy
-- matching (one word or phrase differs between members of a family).
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, quality, created_by)
select 'e5dc0000-0000-4000-a000-000000000001', 'en', 'fr', s.en, s.fr, 'alignment', 85, 'e5dc0000-0000-4000-a000-000000000103'
  from (
    select format('Provides advice and guidance to %s on %s.', a.en, t.en) as en,
           format('Fournit des conseils et une orientation %s sur %s.', a.fr, t.fr) as fr
      from (values ('managers', 'aux gestionnaires'), ('employees', 'aux employés'), ('senior management', 'à la haute direction'),
                   ('clients', 'aux clients'), ('stakeholders', 'aux intervenants'), ('program officers', 'aux agents de programme')) a (en, fr)
     cross join (values ('classification', 'la classification'), ('official languages', 'les langues officielles'),
                        ('financial management', 'la gestion financière'), ('information management', 'la gestion de l''information'),
                        ('security procedures', 'les procédures de sécurité'), ('procurement', 'l''approvisionnement'),
                        ('occupational health and safety', 'la santé et la sécurité au travail'), ('labour relations', 'les relations de travail')) t (en, fr)
    union all
    select format('Prepares %s for %s.', d.en, w.en),
           format('Prépare %s à l''intention %s.', d.fr, w.fr)
      from (values ('briefing notes', 'des notes d''information'), ('reports', 'des rapports'), ('correspondence', 'de la correspondance'),
                   ('presentations', 'des présentations'), ('statistical summaries', 'des résumés statistiques')) d (en, fr)
     cross join (values ('senior management', 'de la haute direction'), ('the Deputy Minister', 'du sous-ministre'),
                        ('the director', 'du directeur'), ('program managers', 'des gestionnaires de programme')) w (en, fr)
    union all
    select format('Coordinates %s with %s.', c.en, p.en),
           format('Coordonne %s avec %s.', c.fr, p.fr)
      from (values ('the planning of activities', 'la planification des activités'), ('the preparation of reports', 'la préparation des rapports'),
                   ('the review of documents', 'l''examen des documents'), ('training sessions', 'les séances de formation'),
                   ('the implementation of new procedures', 'la mise en œuvre de nouvelles procédures')) c (en, fr)
     cross join (values ('other government departments', 'd''autres ministères'), ('regional offices', 'les bureaux régionaux'),
                        ('internal partners', 'les partenaires internes'), ('provincial partners', 'les partenaires provinciaux')) p (en, fr)
    union all
    select format('Maintains %s in accordance with %s.', r.en, p.en),
           format('Tient à jour %s conformément %s.', r.fr, p.fr)
      from (values ('files and records', 'les dossiers'), ('databases', 'les bases de données'),
                   ('financial records', 'les registres financiers'), ('filing systems', 'les systèmes de classement')) r (en, fr)
     cross join (values ('departmental policies', 'aux politiques ministérielles'),
                        ('the Privacy Act', 'à la Loi sur la protection des renseignements personnels'),
                        ('the Directive on Service and Digital', 'à la Directive sur les services et le numérique'),
                        ('established procedures', 'aux procédures établies')) p (en, fr)
    union all
    select format('Responds to inquiries from %s regarding %s.', w.en, q.en),
           format('Répond aux demandes de renseignements %s concernant %s.', w.fr, q.fr)
      from (values ('the public', 'du public'), ('employees', 'des employés'), ('managers', 'des gestionnaires'),
                   ('clients', 'des clients'), ('other departments', 'd''autres ministères')) w (en, fr)
     cross join (values ('program eligibility', 'l''admissibilité au programme'), ('pay and benefits', 'la rémunération et les avantages sociaux'),
                        ('the status of applications', 'l''état des demandes'), ('the interpretation of policies', 'l''interprétation des politiques')) q (en, fr)
    union all
    select format('Develops %s to support %s.', t.en, g.en),
           format('Élabore %s pour appuyer %s.', t.fr, g.fr)
      from (values ('tools', 'des outils'), ('guidelines', 'des lignes directrices'), ('training material', 'du matériel de formation'),
                   ('procedures', 'des procédures'), ('performance indicators', 'des indicateurs de rendement')) t (en, fr)
     cross join (values ('the delivery of programs', 'l''exécution des programmes'), ('decision making', 'la prise de décisions'),
                        ('the management of resources', 'la gestion des ressources'), ('client service', 'le service à la clientèle')) g (en, fr)
    union all
    select format('Reviews %s to ensure compliance with %s.', x.en, y.en),
           format('Examine %s pour assurer la conformité %s.', x.fr, y.fr)
      from (values ('contribution agreements', 'les accords de contribution'), ('staffing files', 'les dossiers de dotation'),
                   ('contracts', 'les contrats'), ('travel claims', 'les demandes de remboursement des frais de déplacement'),
                   ('hospitality expenses', 'les dépenses d''accueil')) x (en, fr)
     cross join (values ('the Financial Administration Act', 'à la Loi sur la gestion des finances publiques'),
                        ('Treasury Board policies', 'aux politiques du Conseil du Trésor'),
                        ('departmental directives', 'aux directives ministérielles'),
                        ('program requirements', 'aux exigences du programme')) y (en, fr)
    union all
    select format('Analyzes %s and recommends %s.', d.en, a.en),
           format('Analyse %s et recommande %s.', d.fr, a.fr)
      from (values ('program data', 'les données sur les programmes'), ('financial information', 'les renseignements financiers'),
                   ('client feedback', 'les commentaires des clients'), ('labour market trends', 'les tendances du marché du travail')) d (en, fr)
     cross join (values ('corrective measures', 'des mesures correctives'), ('changes to procedures', 'des modifications aux procédures'),
                        ('funding priorities', 'des priorités de financement'), ('service improvements', 'des améliorations aux services')) a (en, fr)
  ) s
on conflict do nothing;

-- A few segments of Transport Canada's own memory.
insert into public.tm_segments (organization_id, source_lang, target_lang, source_text, target_text, provenance, quality, created_by)
select '7c000000-0000-4000-a000-000000000002', 'en', 'fr', t.en, t.fr, 'user', 90, '7c000000-0000-4000-a000-000000000102'
  from (values
  ('Conducts ramp inspections of foreign and domestic air operators.', 'Effectue des inspections sur l''aire de trafic des exploitants aériens étrangers et canadiens.'),
  ('Issues, renews and suspends Canadian aviation documents.', 'Délivre, renouvelle et suspend des documents d''aviation canadiens.'),
  ('Monitors the implementation of safety management systems by industry.', 'Surveille la mise en œuvre des systèmes de gestion de la sécurité par l''industrie.'),
  ('Reviews occurrence reports submitted through the Civil Aviation Daily Occurrence Reporting System.', 'Examine les rapports d''événements soumis au moyen du Système de compte rendu quotidien des événements de l''Aviation civile.'),
  ('Provides regulatory oversight of aerodromes and air navigation services.', 'Assure la surveillance réglementaire des aérodromes et des services de navigation aérienne.'),
  ('Participates in the development of the Canadian Aviation Regulations.', 'Participe à l''élaboration du Règlement de l''aviation canadien.')
  ) as t (en, fr)
on conflict do nothing;

-- Glossary ---------------------------------------------------------------------------------------

-- Shared terminology of work descriptions, staffing and classification (approved), and the
-- calques the Translation Bureau warns against (forbidden: never translate term_en as term_fr).
insert into public.glossary_terms (organization_id, term_en, term_fr, domain, status, notes, source)
select null, g.en, g.fr, g.domain, g.status, g.notes, g.source
  from (values
  ('work description', 'description de travail', 'classification', 'approved', null, 'TBS'),
  ('job description', 'description d''emploi', 'classification', 'approved', 'Prefer "work description" / « description de travail » in TBS documents.', 'TERMIUM Plus'),
  ('position', 'poste', 'staffing', 'approved', null, 'TERMIUM Plus'),
  ('position number', 'numéro de poste', 'classification', 'approved', null, 'TBS'),
  ('occupational group', 'groupe professionnel', 'classification', 'approved', null, 'TBS'),
  ('sub-group', 'sous-groupe', 'classification', 'approved', null, 'TBS'),
  ('classification level', 'niveau de classification', 'classification', 'approved', null, 'TBS'),
  ('classification standard', 'norme de classification', 'classification', 'approved', null, 'TBS'),
  ('job evaluation', 'évaluation des emplois', 'classification', 'approved', null, 'TBS'),
  ('organizational design', 'conception organisationnelle', 'classification', 'approved', null, 'TBS'),
  ('client service results', 'résultats axés sur le service à la clientèle', 'classification', 'approved', 'Heading of a TBS work description.', 'TBS'),
  ('key activities', 'activités principales', 'classification', 'approved', 'Heading of a TBS work description.', 'TBS'),
  ('skill', 'compétences', 'classification', 'approved', 'Classification factor heading.', 'TBS'),
  ('effort', 'effort', 'classification', 'approved', 'Classification factor heading.', 'TBS'),
  ('responsibility', 'responsabilité', 'classification', 'approved', 'Classification factor heading.', 'TBS'),
  ('working conditions', 'conditions de travail', 'classification', 'approved', 'Classification factor heading.', 'TBS'),
  ('language profile', 'profil linguistique', 'official languages', 'approved', null, 'TBS'),
  ('bilingual imperative', 'bilingue impératif', 'official languages', 'approved', null, 'TERMIUM Plus'),
  ('bilingual non-imperative', 'bilingue non impératif', 'official languages', 'approved', null, 'TERMIUM Plus'),
  ('English essential', 'anglais essentiel', 'official languages', 'approved', null, 'TERMIUM Plus'),
  ('French essential', 'français essentiel', 'official languages', 'approved', null, 'TERMIUM Plus'),
  ('official languages', 'langues officielles', 'official languages', 'approved', null, 'TERMIUM Plus'),
  ('second language evaluation', 'évaluation de langue seconde', 'official languages', 'approved', null, 'PSC'),
  ('active offer', 'offre active', 'official languages', 'approved', null, 'TERMIUM Plus'),
  ('staffing', 'dotation', 'staffing', 'approved', null, 'TERMIUM Plus'),
  ('appointment', 'nomination', 'staffing', 'approved', null, 'PSEA'),
  ('appointment process', 'processus de nomination', 'staffing', 'approved', null, 'PSEA'),
  ('advertised appointment process', 'processus de nomination annoncé', 'staffing', 'approved', null, 'PSEA'),
  ('non-advertised appointment process', 'processus de nomination non annoncé', 'staffing', 'approved', null, 'PSEA'),
  ('statement of merit criteria', 'énoncé des critères de mérite', 'staffing', 'approved', null, 'PSC'),
  ('essential qualifications', 'qualifications essentielles', 'staffing', 'approved', null, 'PSC'),
  ('asset qualifications', 'qualifications constituant un atout', 'staffing', 'approved', null, 'PSC'),
  ('pool of qualified candidates', 'bassin de candidats qualifiés', 'staffing', 'approved', null, 'PSC'),
  ('letter of offer', 'lettre d''offre', 'staffing', 'approved', null, 'TERMIUM Plus'),
  ('acting appointment', 'nomination intérimaire', 'staffing', 'approved', null, 'TERMIUM Plus'),
  ('deployment', 'mutation', 'staffing', 'approved', null, 'PSEA'),
  ('assignment', 'affectation', 'staffing', 'approved', null, 'TERMIUM Plus'),
  ('secondment', 'détachement', 'staffing', 'approved', null, 'TERMIUM Plus'),
  ('term employee', 'employé nommé pour une période déterminée', 'staffing', 'approved', null, 'TERMIUM Plus'),
  ('indeterminate employee', 'employé nommé pour une période indéterminée', 'staffing', 'approved', null, 'TERMIUM Plus'),
  ('incumbent', 'titulaire', 'staffing', 'approved', null, 'TERMIUM Plus'),
  ('applicant', 'candidat', 'staffing', 'approved', 'In grants and contributions: « demandeur ».', 'TERMIUM Plus'),
  ('hiring manager', 'gestionnaire d''embauche', 'staffing', 'approved', null, 'TERMIUM Plus'),
  ('duty to accommodate', 'obligation de prendre des mesures d''adaptation', 'human resources', 'approved', null, 'TBS'),
  ('employment equity', 'équité en matière d''emploi', 'human resources', 'approved', null, 'TERMIUM Plus'),
  ('performance management', 'gestion du rendement', 'human resources', 'approved', null, 'TBS'),
  ('performance agreement', 'entente de rendement', 'human resources', 'approved', null, 'TBS'),
  ('collective agreement', 'convention collective', 'labour relations', 'approved', null, 'TERMIUM Plus'),
  ('grievance', 'grief', 'labour relations', 'approved', null, 'TERMIUM Plus'),
  ('bargaining agent', 'agent négociateur', 'labour relations', 'approved', null, 'TERMIUM Plus'),
  ('overtime', 'heures supplémentaires', 'labour relations', 'approved', null, 'TERMIUM Plus'),
  ('leave without pay', 'congé non payé', 'labour relations', 'approved', null, 'TERMIUM Plus'),
  ('pay action', 'mesure de paye', 'pay', 'approved', null, 'PSPC'),
  ('security clearance', 'cote de sécurité', 'security', 'approved', null, 'TERMIUM Plus'),
  ('reliability status', 'cote de fiabilité', 'security', 'approved', null, 'TBS'),
  ('Deputy Minister', 'sous-ministre', 'government', 'approved', null, 'TERMIUM Plus'),
  ('Assistant Deputy Minister', 'sous-ministre adjoint', 'government', 'approved', null, 'TERMIUM Plus'),
  ('deputy head', 'administrateur général', 'government', 'approved', null, 'FAA'),
  ('senior management', 'haute direction', 'government', 'approved', null, 'TERMIUM Plus'),
  ('branch', 'direction générale', 'government', 'approved', null, 'TERMIUM Plus'),
  ('directorate', 'direction', 'government', 'approved', null, 'TERMIUM Plus'),
  ('division', 'division', 'government', 'approved', null, 'TERMIUM Plus'),
  ('regional office', 'bureau régional', 'government', 'approved', null, 'TERMIUM Plus'),
  ('Treasury Board', 'Conseil du Trésor', 'government', 'approved', null, 'TERMIUM Plus'),
  ('Treasury Board Secretariat', 'Secrétariat du Conseil du Trésor', 'government', 'approved', null, 'TERMIUM Plus'),
  ('Public Service Commission', 'Commission de la fonction publique', 'government', 'approved', null, 'TERMIUM Plus'),
  ('other government departments', 'autres ministères', 'government', 'approved', null, 'TERMIUM Plus'),
  ('stakeholder', 'intervenant', 'government', 'approved', null, 'TERMIUM Plus'),
  ('briefing note', 'note d''information', 'government', 'approved', null, 'TERMIUM Plus'),
  ('business plan', 'plan d''activités', 'government', 'approved', null, 'TERMIUM Plus'),
  ('service delivery', 'prestation des services', 'government', 'approved', null, 'TERMIUM Plus'),
  ('grants and contributions', 'subventions et contributions', 'finance', 'approved', null, 'TBS'),
  ('contribution agreement', 'accord de contribution', 'finance', 'approved', null, 'TBS'),
  ('transfer payment', 'paiement de transfert', 'finance', 'approved', null, 'TBS'),
  ('terms and conditions', 'modalités', 'finance', 'approved', 'Of a transfer payment program.', 'TBS'),
  ('recipient', 'bénéficiaire', 'finance', 'approved', null, 'TBS'),
  ('eligibility criteria', 'critères d''admissibilité', 'finance', 'approved', null, 'TBS'),
  ('overpayment', 'trop-payé', 'finance', 'approved', null, 'TERMIUM Plus'),
  ('deliverable', 'produit livrable', 'finance', 'approved', null, 'TERMIUM Plus'),
  ('financial forecast', 'prévision financière', 'finance', 'approved', null, 'TERMIUM Plus'),
  ('procurement', 'approvisionnement', 'finance', 'approved', null, 'TERMIUM Plus'),
  ('information management', 'gestion de l''information', 'information management', 'approved', null, 'TBS'),
  ('access to information', 'accès à l''information', 'information management', 'approved', null, 'TERMIUM Plus'),
  ('personal information', 'renseignements personnels', 'information management', 'approved', null, 'TERMIUM Plus'),
  ('occupational health and safety', 'santé et sécurité au travail', 'workplace', 'approved', null, 'TERMIUM Plus'),
  ('workstation', 'poste de travail', 'workplace', 'approved', null, 'TERMIUM Plus'),
  ('site visit', 'visite sur place', 'workplace', 'approved', null, 'TERMIUM Plus'),
  ('Canadian Aviation Regulations', 'Règlement de l''aviation canadien', 'aviation', 'approved', null, 'Justice Canada'),
  ('Aeronautics Act', 'Loi sur l''aéronautique', 'aviation', 'approved', null, 'Justice Canada'),
  ('air operator', 'exploitant aérien', 'aviation', 'approved', null, 'TERMIUM Plus'),
  ('approved maintenance organization', 'organisme de maintenance agréé', 'aviation', 'approved', null, 'TERMIUM Plus'),
  ('safety management system', 'système de gestion de la sécurité', 'aviation', 'approved', null, 'TERMIUM Plus'),
  ('flight deck', 'poste de pilotage', 'aviation', 'approved', null, 'TERMIUM Plus'),
  ('apron', 'aire de trafic', 'aviation', 'approved', null, 'TERMIUM Plus'),
  ('airside', 'côté piste', 'aviation', 'approved', null, 'TERMIUM Plus'),
  ('enforcement action', 'mesure d''application de la loi', 'aviation', 'approved', null, 'TERMIUM Plus'),
  ('pilot proficiency check', 'contrôle de la compétence du pilote', 'aviation', 'approved', null, 'TERMIUM Plus'),
  -- Calques and false friends (forbidden pairs).
  ('application', 'application', 'staffing', 'forbidden', 'For a job or funding: « candidature » or « demande ».', 'Translation Bureau'),
  ('to apply', 'appliquer', 'staffing', 'forbidden', '« postuler », « poser sa candidature » or « présenter une demande ».', 'Translation Bureau'),
  ('deadline', 'deadline', 'general', 'forbidden', '« échéance », « date limite ».', 'Translation Bureau'),
  ('meeting', 'meeting', 'general', 'forbidden', '« réunion ».', 'Translation Bureau'),
  ('email', 'email', 'general', 'forbidden', '« courriel ».', 'Translation Bureau'),
  ('agenda', 'agenda', 'general', 'forbidden', 'For a meeting: « ordre du jour ».', 'Translation Bureau'),
  ('eventually', 'éventuellement', 'general', 'forbidden', '« finalement », « un jour ».', 'Translation Bureau'),
  ('to address', 'adresser', 'general', 'forbidden', 'An issue: « traiter », « régler », « aborder ».', 'Translation Bureau'),
  ('opportunity', 'opportunité', 'general', 'forbidden', '« occasion », « possibilité ».', 'Translation Bureau'),
  ('to implement', 'implémenter', 'general', 'forbidden', '« mettre en œuvre ».', 'Translation Bureau'),
  ('responsible for', 'en charge de', 'general', 'forbidden', '« responsable de », « chargé de ».', 'Translation Bureau'),
  ('supervisor', 'superviseur', 'human resources', 'approved', 'Also « surveillant » in some collective agreements.', 'TERMIUM Plus'),
  ('manager', 'gestionnaire', 'human resources', 'approved', null, 'TERMIUM Plus'),
  ('employee', 'employé', 'human resources', 'approved', 'Or « fonctionnaire » in the core public administration.', 'TERMIUM Plus')
  ) as g (en, fr, domain, status, notes, source)
on conflict do nothing;

-- The Treasury Board occupational group names, from the reference table: the official EN/FR
-- names of every group (approved shared terminology for the classification domain).
insert into public.glossary_terms (organization_id, term_en, term_fr, domain, status, notes, source)
select null, g.name_en, g.name_fr, 'classification', 'approved', format('Occupational group %s.', g.code), 'TBS occupational groups'
  from public.classification_groups g
 order by g.code
on conflict do nothing;

-- Organization glossaries: ESDC's program vocabulary and one proposal awaiting its admin; TC's.
insert into public.glossary_terms (organization_id, term_en, term_fr, domain, status, notes, source, created_by)
select g.org::uuid, g.en, g.fr, g.domain, g.status, g.notes, g.source, g.author::uuid
  from (values
  ('e5dc0000-0000-4000-a000-000000000001', 'program officer', 'agent de programme', 'programs', 'approved', null, 'ESDC', 'e5dc0000-0000-4000-a000-000000000105'),
  ('e5dc0000-0000-4000-a000-000000000001', 'skills development', 'développement des compétences', 'programs', 'approved', null, 'ESDC', 'e5dc0000-0000-4000-a000-000000000105'),
  ('e5dc0000-0000-4000-a000-000000000001', 'applicant', 'demandeur', 'programs', 'approved', 'For grants and contributions (a person or organization applying for funding).', 'ESDC', 'e5dc0000-0000-4000-a000-000000000105'),
  ('e5dc0000-0000-4000-a000-000000000001', 'Employment Insurance', 'assurance-emploi', 'programs', 'approved', null, 'ESDC', 'e5dc0000-0000-4000-a000-000000000105'),
  ('e5dc0000-0000-4000-a000-000000000001', 'Service Canada Centre', 'Centre Service Canada', 'programs', 'approved', null, 'ESDC', 'e5dc0000-0000-4000-a000-000000000105'),
  ('e5dc0000-0000-4000-a000-000000000001', 'identifies risks', 'relève les risques', 'programs', 'pending', 'Proposed instead of « cerne les risques » (see comment on the PM-04 draft).', 'ESDC', 'e5dc0000-0000-4000-a000-000000000103'),
  ('7c000000-0000-4000-a000-000000000002', 'ramp inspection', 'inspection sur l''aire de trafic', 'aviation', 'approved', null, 'TC', '7c000000-0000-4000-a000-000000000102'),
  ('7c000000-0000-4000-a000-000000000002', 'Canadian aviation document', 'document d''aviation canadien', 'aviation', 'approved', null, 'TC', '7c000000-0000-4000-a000-000000000102'),
  ('7c000000-0000-4000-a000-000000000002', 'aerodrome', 'aérodrome', 'aviation', 'approved', null, 'TC', '7c000000-0000-4000-a000-000000000102')
  ) as g (org, en, fr, domain, status, notes, source, author)
on conflict do nothing;

-- Planner statistics now, so the first searches choose their words well (tm_search reads them).
analyze public.tm_segments, public.glossary_terms;
