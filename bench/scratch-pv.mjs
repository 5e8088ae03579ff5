import { parseConfig, planVisit } from '@trickle/core'
import { generateConfig, returningVisitor } from '/work/main/bench/planner/generateConfig.mjs'
const now = new Date('2026-03-01T12:00:00Z')
for (const n of [1000, 2000, 5000, 10000, 20000]) {
  const c = parseConfig(JSON.parse(JSON.stringify(generateConfig(n)))).config
  const p = returningVisitor(c, now)
  for (let i=0;i<20;i++) planVisit(c,p,{formId:'gate',now})
  const times=[]
  for (let i=0;i<60;i++){const t=performance.now(); planVisit(c,p,{formId:'gate',now}); times.push(performance.now()-t)}
  times.sort((a,b)=>a-b)
  console.log(n, times[30].toFixed(3), times[5].toFixed(3))
}
