import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from './src/openDatabase'
let t = performance.now()
const a = await PGlite.create()
console.log('create 1', Math.round(performance.now() - t)); t = performance.now()
const b = await PGlite.create()
console.log('create 2', Math.round(performance.now() - t)); t = performance.now()
const d = await openDatabase({ dataDir: 'memory://' })
console.log('open+migrate', Math.round(performance.now() - t)); t = performance.now()
const dump = await (d.db as any).$client.dumpDataDir('none')
console.log('dump', Math.round(performance.now() - t)); t = performance.now()
const c = await PGlite.create({ loadDataDir: dump })
console.log('create from dump', Math.round(performance.now() - t)); t = performance.now()
console.log((await c.query('select count(*) from visitors')).rows)
