import { measureRender } from './render/measureRender.mjs'
const t = performance.now()
console.log(JSON.stringify(await measureRender({ runs: 6, warmup: 2, coldRuns: 2 }), null, 1))
console.log('took', Math.round(performance.now() - t))
