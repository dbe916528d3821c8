// The demo portal: a mock departmental HR portal embedding the kit (one <jd-session>, the
// editor with its comments), one official language at a time.
//
// Routes (hash routes, so Vite serves the page with no server configuration; the first part is
// the language, and each page opens directly in either one):
//   #/en/documents           the job descriptions the user may open (search, status filter)
//   #/fr/documents/<uuid>    one job description: the editor with its comments
//   #/en/review              documents in review (in the menu for reviewers and admins)
//   #/en/admin              the department's administration (in the menu for admins)
//   #/en/sign-in             demo account picker and the sign-in form
// Anything else opens the document list; a page asked for while signed out shows the sign-in
// page at that address, then the page itself once signed in.
import stack from 'virtual:jd-stack';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/lato/700.css';
import '@gcds-core/tokens/build/web/css/tokens.css';
import './portal.css';
import '../elements/session/define.js';
import './portal-app.js';

const app = document.createElement('portal-app');
app.stack = stack;
document.body.prepend(app);
