// Module load hook for `node --import` / `module.register`.
//
// @actions/workflow-parser imports its JSON schemas with a bare `import schema from './x.json'`, without the
// `with { type: 'json' }` attribute that plain Node 20+ requires for JSON modules. Bundlers accept that; Node
// refuses it. This hook adds the attribute to any JSON import that lacks it, so the parser loads unbundled.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json') && context.importAttributes?.type !== 'json') {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } })
  }
  return nextLoad(url, context)
}
