// `npm run manifest`: the custom-elements manifest (custom-elements.json, generated, not
// committed) from the elements' JSDoc (@fires, @csspart, @cssproperty, @cssstate, @slot) and
// Lit's @property decorators. Storybook reads it for docs and controls, IDEs for completion.

/** Name of the decorator on a class member (`@state()` → "state"), for each decorator. */
function decoratorNames(ts, member) {
  const decorators = ts.canHaveDecorators(member) ? (ts.getDecorators(member) ?? []) : [];
  return decorators.map(({ expression }) => (ts.isCallExpression(expression) ? expression.expression : expression).getText());
}

/**
 * Two things the analyzer gets wrong for this kit's code:
 * - `dispatchEvent(new JdStatusChangeEvent(status))`: it takes the first constructor argument
 *   for the event's name (`status`, `access`, `none`…). Each event class states its name in a
 *   static `type`; the dispatched event is merged into the `@fires` entry of that name, and
 *   every `@fires` entry gets the class whose static `type` is its name.
 * - Lit `@state()` fields are internal reactive state, not API (Storybook would offer them as
 *   controls and set them); they are marked private.
 */
const jdKitPlugin = () => ({
  name: 'jd-kit',
  analyzePhase({ ts, node, moduleDoc }) {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const classDoc = moduleDoc.declarations?.find((d) => d.kind === 'class' && d.name === node.name.getText());
    for (const member of node.members) {
      if (!ts.isPropertyDeclaration(member) || !decoratorNames(ts, member).includes('state')) continue;
      const field = classDoc?.members?.find((m) => m.kind === 'field' && m.name === member.name.getText());
      if (field) field.privacy = 'private';
    }
  },
  packageLinkPhase({ customElementsManifest }) {
    const eventClasses = new Map();
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        const type = declaration.members?.find((m) => m.static && m.name === 'type' && /^'[^']+'$/.test(m.default ?? ''));
        if (declaration.kind === 'class' && type) {
          eventClasses.set(declaration.name, { name: type.default.slice(1, -1), description: declaration.description });
        }
      }
    }
    for (const mod of customElementsManifest.modules) {
      for (const element of mod.declarations ?? []) {
        if (!element.customElement || !element.events) continue;
        const events = element.events.filter((event) => !eventClasses.has(event.type?.text));
        for (const dispatched of element.events.filter((event) => eventClasses.has(event.type?.text))) {
          const { name, description } = eventClasses.get(dispatched.type.text);
          const documented = events.find((event) => event.name === name);
          if (documented) documented.type ??= dispatched.type;
          else events.push({ name, type: dispatched.type, ...(description ? { description } : {}) });
        }
        // Events dispatched in ways the analyzer does not see (a variable, a property as the
        // first argument) still get their class from the static type of that name.
        for (const event of events) {
          const className = [...eventClasses].find(([, { name }]) => name === event.name)?.[0];
          if (className) event.type ??= { text: className };
        }
        element.events = events;
      }
    }
  },
});

export default {
  globs: ['elements/**/*.ts'],
  // Tests and their helpers declare no public element.
  exclude: ['elements/**/*.test.ts', 'elements/**/test-*.ts', 'elements/**/fixtures/**'],
  outdir: '.',
  litelement: true,
  // package.json already points "customElements" at the file; do not rewrite it on every run.
  packagejson: false,
  plugins: [jdKitPlugin()],
};
