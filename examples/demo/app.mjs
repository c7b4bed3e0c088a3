// The Comment Shield demo now lives in the package as `@comment-shield/node/demo` (so `comment-shield demo`
// and `npm start` run it from the built dist/ output); this file keeps the example's import path working.
export { createDemoApp, createDemoHandler, DEMO_TARGET } from '@comment-shield/node/demo'
