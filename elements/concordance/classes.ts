// The concordance folder's two element classes, without registering them (`jd-kit/concordance/element`):
// for a portal that registers them under its own tag names.
export { JdConcordance } from './concordance.js';
export { JdAlignmentWorkbench } from './workbench/workbench.js';
